package dev.wasm2jar.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.abi.GcArray;
import dev.wasm2jar.runtime.abi.I31;
import org.junit.jupiter.api.Test;

/** A null dereference of compiled GC code becomes the spec's trap message, told from the field the JVM names. */
class TrapsTest {
    /** A struct class as the compiler writes one: fields {@code f0}, {@code f1} ... */
    static final class Struct {
        int f0;
    }

    @Test
    void nullDereferencesAreNamedByWhatWasDereferenced() {
        Struct struct = null;
        GcArray.I32 array = null;
        I31 i31 = null;
        assertEquals("null structure reference", message(() -> struct.f0 = 1));
        assertEquals("null array reference", message(() -> array.values[0] = 1));
        assertEquals("null array reference", message(() -> System.out.print(array.length)));
        assertEquals("null i31 reference", message(() -> System.out.print(i31.value)));
        assertEquals("null reference", message(() -> "".substring(0).equals(((String) null).trim())));
    }

    private static String message(Runnable r) {
        try {
            r.run();
        } catch (NullPointerException e) {
            return Traps.translate(e).getMessage();
        }
        throw new AssertionError("no NullPointerException");
    }
}
