package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.TrapException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.stream.Stream;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code call_indirect} through a table that never changes switches over the index to direct calls; every index the
 * switch does not take still traps as the spec says, and a table that may change keeps the generic lookup.
 */
class FixedTableCallsTest {
    /** Slots 0-2 hold two functions of type $ii and one of another type; 3 and 4 stay null. */
    private static final String MODULE = """
            (module
              (type $ii (func (param i32) (result i32)))
              (type $v (func (result i32)))
              (table $t 5 funcref)
              (elem (i32.const 0) $double $triple $seven)
              (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
              (func $seven (type $v) (i32.const 7))
              (func (export "call") (param i32 i32) (result i32)
                (call_indirect (type $ii) (local.get 1) (local.get 0)))
              EXTRA)
            """;

    @TempDir
    Path dir;

    @Test
    void aFixedTableCallsDirectlyAndTrapsAsTheSpecSays() throws IOException {
        CompiledModule compiled = compile(MODULE.replace("EXTRA", ""));
        assertEquals(1, switchesInStubs(compiled));
        Instance m = compiled.load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {10}, m.function("call").call(0, 5));
        assertArrayEquals(new Object[] {15}, m.function("call").call(1, 5));
        assertEquals("indirect call type mismatch", trap(m, 2));
        assertEquals("uninitialized element 3", trap(m, 3));
        assertEquals("undefined element", trap(m, 5));
        assertEquals("undefined element", trap(m, -1));
    }

    @Test
    void aTableWrittenByTheModuleKeepsTheGenericLookup() throws IOException {
        CompiledModule compiled = compile(MODULE.replace("EXTRA",
                "(func (export \"swap\") (table.set $t (i32.const 0) (table.get $t (i32.const 1))))"));
        assertEquals(0, switchesInStubs(compiled));
        Instance m = compiled.load().instantiate(Imports.empty());
        assertArrayEquals(new Object[] {10}, m.function("call").call(0, 5));
        m.function("swap").call();
        assertArrayEquals(new Object[] {15}, m.function("call").call(0, 5));
    }

    @Test
    void anExportedTableKeepsTheGenericLookup() throws IOException {
        CompiledModule compiled = compile(MODULE.replace("EXTRA", "(export \"table\" (table $t))"));
        assertEquals(0, switchesInStubs(compiled));
        Instance m = compiled.load().instantiate(Imports.empty());
        m.table("table").set(0, m.table("table").get(1));
        assertArrayEquals(new Object[] {15}, m.function("call").call(0, 5));
    }

    @Test
    void fewCasesCallThroughMethodsOfTheirOwnAndManyOrRecursiveOnesDirectly() throws IOException {
        assertEquals(List.of("direct0", "direct1"), calledByStubs(compile(MODULE.replace("EXTRA", ""))));
        StringBuilder nine = new StringBuilder("(module (type $ii (func (param i32) (result i32))) (table 9 funcref)"
                + " (elem (i32.const 0) 0 1 2 3 4 5 6 7 8)");
        for (int f = 0; f < 9; f++) {
            nine.append(" (func (type $ii) (i32.add (local.get 0) (i32.const %d)))".formatted(f));
        }
        nine.append(" (func (export \"call\") (param i32 i32) (result i32)"
                + " (call_indirect (type $ii) (local.get 1) (local.get 0))))");
        CompiledModule compiled = compile(nine.toString());
        String recursive = """
                (module
                  (type $ii (func (param i32) (result i32)))
                  (table 2 funcref)
                  (elem (i32.const 0) $leaf $down)
                  (func $leaf (type $ii) (local.get 0))
                  (func $down (type $ii)
                    (if (result i32) (local.get 0)
                      (then (call_indirect (type $ii) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1)))
                      (else (i32.const 7)))))
                """;
        // $down calls the stub itself: called directly, not inlined into its own recursion through direct1
        assertEquals(List.of("direct0", "f1"), calledByStubs(compile(recursive)));
        assertEquals(9, calledByStubs(compiled).stream().filter(name -> name.matches("f\\d+")).count());
        assertArrayEquals(new Object[] {13}, compiled.load().instantiate(Imports.empty()).function("call").call(8, 5));
    }

    private CompiledModule compile(String wat) throws IOException {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path file = dir.resolve("m.wat");
        Files.writeString(file, wat);
        return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("test.FixedTable"));
    }

    private static String trap(Instance m, int index) {
        return assertThrows(TrapException.class, () -> m.function("call").call(index, 5)).getMessage();
    }

    /** The methods that {@code callIndirect} stubs call, in order. */
    private static List<String> calledByStubs(CompiledModule compiled) {
        return stubs(compiled).flatMap(m -> GeneratedCode.instructions(m, MethodInsnNode.class))
                .filter(call -> call.getOpcode() == Opcodes.INVOKESTATIC && call.owner.equals("test/FixedTable"))
                .map(call -> call.name).toList();
    }

    /** How many {@code callIndirect} stubs of the module class switch over the index. */
    private static int switchesInStubs(CompiledModule compiled) {
        return (int) stubs(compiled).flatMap(m -> GeneratedCode.instructions(m, LookupSwitchInsnNode.class)).count();
    }

    private static Stream<MethodNode> stubs(CompiledModule compiled) {
        return GeneratedCode.methods(compiled, "test/FixedTable").stream().filter(m -> m.name.startsWith("callIndirect"));
    }
}
