package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.wasm.Mathlib;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Adler32;
import org.junit.jupiter.api.Test;

/** Calls the C library through its generated facade, as any Java code would. */
class MathlibTest {
    private final List<String> progress = new ArrayList<>();
    // Host is the facade's interface of the module's imports: here the one function, env.progress.
    private final Mathlib mathlib = Mathlib.instantiate((done, total) -> progress.add(done + "/" + total));

    @Test
    void callsExportsWithJavaTypes() {
        assertEquals(5, mathlib.add(2, 3));
        assertEquals(12_586_269_025L, mathlib.fib(50));
        assertEquals(5.0, mathlib.hypot(3.0, 4.0));
    }

    @Test
    void sharesMemoryAndCallsTheHost() {
        byte[] text = "hello from Java, ".repeat(150).getBytes(StandardCharsets.UTF_8);
        Memory memory = mathlib.memory();
        memory.write(mathlib.buffer(), text);
        Adler32 expected = new Adler32();
        expected.update(text);
        assertEquals((int) expected.getValue(), mathlib.checksum(text.length));
        assertEquals(List.of("1024/2550", "2048/2550"), progress);
    }

    @Test
    void readsExportedGlobals() {
        assertEquals(70_656, mathlib.heapBase()); // the linker's __heap_base, exported with --export
    }

    @Test
    void trapsAreJavaExceptions() {
        assertEquals(-4, mathlib.divide(-12, 3));
        TrapException e = assertThrows(TrapException.class, () -> mathlib.divide(1, 0));
        assertEquals("integer divide by zero", e.getMessage());
    }
}
