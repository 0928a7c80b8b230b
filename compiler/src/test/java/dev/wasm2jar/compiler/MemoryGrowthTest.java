package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.V128;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memory that grows page by page has room past its size in its array ({@link Memory}); every access just past the
 * size must still trap, after each grow, for every kind of access: scalar loads and stores of each width, static
 * offsets, vectors whole and by element, and bulk memory. A memory of fixed size and an imported one grown from Java
 * are checked as well.
 */
class MemoryGrowthTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    /** {@code $N} is replaced by the memory's limits. */
    private static final String WAT = """
            (module
              (memory (export "memory") $N)
              (data $seg "\\01\\02\\03\\04")
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "load16") (param i32) (result i32) (i32.load16_u (local.get 0)))
              (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
              (func (export "loadOffset") (param i32) (result i32) (i32.load offset=65536 (local.get 0)))
              (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
              (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
              (func (export "v128Load") (param i32) (result v128) (v128.load (local.get 0)))
              (func (export "v128Store") (param i32 v128) (v128.store (local.get 0) (local.get 1)))
              ;; Whole vectors element by element: four float lanes, as the translator does for float shapes.
              (func (export "f32x4Copy") (param i32 i32)
                (v128.store (local.get 1) (f32x4.add (v128.load (local.get 0)) (f32x4.splat (f32.const 0)))))
              (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
              (func (export "init") (param i32) (memory.init $seg (local.get 0) (i32.const 0) (i32.const 4)))
              ;; Grows by one page and stores into it in the same function: the size is read again after growth.
              (func (export "growAndStore") (result i32)
                (local $old i32)
                (local.set $old (memory.grow (i32.const 1)))
                (i32.store (i32.sub (i32.shl (i32.add (local.get $old) (i32.const 1)) (i32.const 16)) (i32.const 4))
                  (i32.const 0x5a5a5a5a))
                (local.get $old))
            )
            """;

    @Test
    void everyAccessJustPastTheSizeTrapsAfterEachGrow(@TempDir Path dir) throws Exception {
        Instance m = instantiate(dir, "1", Imports.empty());
        Memory memory = m.memory("memory");
        for (int pages = 1; pages <= 40; pages++) {
            assertEquals(pages, call(m, "size"));
            assertEquals(pages, memory.pages());
            int end = pages * PAGE;
            assertInBoundsUpTo(m, end);
            assertTrapsFrom(m, end);
            assertEquals(pages, call(m, "grow", 1), "memory.grow returns the old size");
            assertEquals(0, call(m, "load32", end), "a new page reads as zeros");
        }
        // 40 one-page grows; the array was replaced only a few times.
        assertTrue(memory.buffer().length >= memory.byteSize());
    }

    @Test
    void growingInsideAFunctionSeesTheNewSize(@TempDir Path dir) throws Exception {
        Instance m = instantiate(dir, "1", Imports.empty());
        for (int old = 1; old <= 10; old++) {
            assertEquals(old, call(m, "growAndStore"));
            assertEquals(0x5a5a5a5a, call(m, "load32", (old + 1) * PAGE - 4));
            int end = (old + 1) * PAGE;
            assertTraps(() -> call(m, "load8", end));
        }
    }

    @Test
    void aMemoryOfFixedSizeTrapsAtItsEndAndDoesNotGrow(@TempDir Path dir) throws Exception {
        Instance m = instantiate(dir, "2 2", Imports.empty());
        assertEquals(-1, call(m, "grow", 1));
        assertEquals(2, call(m, "size"));
        assertInBoundsUpTo(m, 2 * PAGE);
        assertTrapsFrom(m, 2 * PAGE);
    }

    @Test
    void anImportedMemoryGrownFromJavaIsSeenAtItsNewSize(@TempDir Path dir) throws Exception {
        Memory shared = new Memory(1, 100);
        String wat = WAT.replace("(memory (export \"memory\") $N)", "(memory (export \"memory\") (import \"env\" \"memory\") 1)");
        Path file = dir.resolve("imported.wat");
        Files.writeString(file, wat);
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Instance m = Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Imported")).load()
                .instantiate(Imports.empty().add("env", "memory", shared));
        for (int pages = 1; pages <= 20; pages++) {
            assertInBoundsUpTo(m, pages * PAGE);
            assertTrapsFrom(m, pages * PAGE);
            assertEquals(pages, shared.grow(1));
        }
        assertThrows(TrapException.class, () -> shared.readByte(21 * PAGE), "Java's view ends at the size too");
        assertEquals(0, shared.readByte(21 * PAGE - 1));
    }

    /** The last bytes before {@code end} can be written and read back by every kind of access. */
    private static void assertInBoundsUpTo(Instance m, int end) {
        call(m, "store8", end - 1, 0x7f);
        assertEquals(0x7f, call(m, "load8", end - 1));
        call(m, "store32", end - 4, 0x01020304);
        assertEquals(0x01020304, call(m, "load32", end - 4));
        assertEquals(0x0102, call(m, "load16", end - 2));
        call(m, "store64", end - 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, call(m, "load64", end - 8));
        if (end > PAGE) {
            assertEquals(0x11223344, call(m, "loadOffset", end - 4 - PAGE));
        }
        V128 v = V128.ofInts(1, 2, 3, 4);
        call(m, "v128Store", end - 16, v);
        assertEquals(v, call(m, "v128Load", end - 16));
        call(m, "f32x4Copy", end - 16, end - 32);
        assertEquals(v, call(m, "v128Load", end - 32));
        call(m, "fill", end - 16, 0, 16);
        call(m, "init", end - 4);
        call(m, "copy", end - 8, end - 4, 4);
        assertEquals(0x04030201, call(m, "load32", end - 8));
        call(m, "fill", end - 16, 0, 16);
    }

    /** Every access that reaches {@code end} traps, and a store that traps writes nothing. */
    private static void assertTrapsFrom(Instance m, int end) {
        assertTraps(() -> call(m, "load8", end));
        assertTraps(() -> call(m, "load16", end - 1));
        assertTraps(() -> call(m, "load32", end - 3));
        assertTraps(() -> call(m, "load64", end - 7));
        assertTraps(() -> call(m, "loadOffset", end - PAGE - 3));
        assertTraps(() -> call(m, "load32", -1));
        assertTraps(() -> call(m, "store8", end, 1));
        assertTraps(() -> call(m, "store32", end - 3, -1));
        assertTraps(() -> call(m, "store64", end - 7, -1L));
        assertTraps(() -> call(m, "v128Load", end - 15));
        assertTraps(() -> call(m, "v128Store", end - 15, V128.ofInts(-1, -1, -1, -1)));
        assertTraps(() -> call(m, "f32x4Copy", end - 15, 0));
        assertTraps(() -> call(m, "f32x4Copy", 0, end - 15));
        assertTraps(() -> call(m, "fill", end - 1, 9, 2));
        assertTraps(() -> call(m, "copy", end - 1, 0, 2));
        assertTraps(() -> call(m, "copy", 0, end - 1, 2));
        assertTraps(() -> call(m, "init", end - 3));
        assertEquals(0L, call(m, "load64", end - 8), "the stores that trapped wrote nothing");
        assertArrayEquals(new byte[16], m.memory("memory").read(end - 16, 16));
    }

    private static void assertTraps(Executable call) {
        TrapException e = assertThrows(TrapException.class, call);
        assertEquals("out of bounds memory access", e.getMessage());
    }

    private static Object call(Instance m, String name, Object... args) {
        Object[] results = m.function(name).call(args);
        return results.length == 0 ? null : results[0];
    }

    private static Instance instantiate(Path dir, String limits, Imports imports) throws Exception {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("grow.wat");
        Files.writeString(file, WAT.replace("$N", limits));
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.Grow")).load()
                .instantiate(imports);
    }
}
