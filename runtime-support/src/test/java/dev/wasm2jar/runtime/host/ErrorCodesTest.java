package dev.wasm2jar.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.TrapException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

class ErrorCodesTest {
    private static final HostError BUSY = new HostError(16, "busy");

    /** Returns 0, or throws what {@code kind} names: a host error, an I/O error, a trap. */
    static int fail(int kind) throws IOException {
        switch (kind) {
            case 1 -> throw BUSY;
            case 2 -> throw new FileNotFoundException("x");
            case 3 -> throw new TrapException("unreachable");
            default -> {
                return 0;
            }
        }
    }

    private static int ioOnly(Throwable t) throws Throwable {
        if (t instanceof IOException) {
            return 44;
        }
        throw t;
    }

    @Test
    void hostErrorsAndMappedFailuresBecomeCodesAndTheRestPassesThrough() throws Throwable {
        MethodHandle f = MethodHandles.lookup().findStatic(ErrorCodesTest.class, "fail",
                MethodType.methodType(int.class, int.class));
        MethodHandle wrapped = ErrorCodes.catching(f, ErrorCodesTest::ioOnly);
        assertEquals(f.type(), wrapped.type());
        assertEquals(0, (int) wrapped.invokeExact(0));
        assertEquals(16, (int) wrapped.invokeExact(1));
        assertEquals(44, (int) wrapped.invokeExact(2));
        TrapException trap = assertThrows(TrapException.class, () -> {
            int unused = (int) wrapped.invokeExact(3);
        });
        assertEquals("unreachable", trap.getMessage());
    }

    @Test
    void hostErrorsAreStacklessAndNamed() {
        assertEquals(0, BUSY.getStackTrace().length);
        assertEquals("busy", BUSY.getMessage());
        assertSame(BUSY, assertThrows(HostError.class, () -> fail(1)));
    }

    @Test
    void onlyFunctionsReturningACodeCanBeWrapped() {
        MethodHandle none = MethodHandles.empty(MethodType.methodType(void.class, int.class));
        assertThrows(IllegalArgumentException.class, () -> ErrorCodes.catching(none, t -> 1));
    }
}
