package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.WasmBuilder.Code;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.WasmFunction;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Wasm exceptions where they meet the JVM: escaping to Java as {@link ThrownException}, crossing a host function in
 * both directions, crossing the methods of a split function, and never catching a trap.
 */
class ExceptionHandlingTest {
    private static final int EMPTY = 0x40;
    private static final int CATCH = 0;
    private static final int CATCH_ALL = 2;
    /** Increments of local 1 before and after the throw: enough code for many parts at a small split target. */
    private static final int FILLER = 400;

    /** The module of these tests; {@code callback} is the one import, a host function () -> (). */
    private static byte[] module() {
        WasmBuilder b = new WasmBuilder();
        int none = b.type(new int[0], new int[0]);
        int i32ToI32 = b.type(new int[] {WasmBuilder.I32}, new int[] {WasmBuilder.I32});
        int twoI32 = b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32}, new int[0]);
        int toI32 = b.type(new int[0], new int[] {WasmBuilder.I32});
        int callback = b.importFunction("host", "callback", none);
        int e = b.tag("e", b.type(new int[] {WasmBuilder.I32}, new int[0]));

        // thrower(x, y): throws e(y) unless x is 0.
        int thrower = b.function("thrower", twoI32, new int[0], new Code().get(0).begin(0x04, EMPTY).get(1)
                .throwTag(e).end());
        // orThrow(x, y): throws e(y) unless x is 0, then returns y.
        int orThrow = b.function("orThrow", b.type(new int[] {WasmBuilder.I32, WasmBuilder.I32},
                new int[] {WasmBuilder.I32}), new int[0], new Code().get(0).begin(0x04, EMPTY).get(1).throwTag(e)
                .end().get(1));
        // tailInTry(x): counts local 1 up FILLER times inside a try_table catching e, then tail-calls orThrow(x,
        // local 1): the callee runs in place of tailInTry, so what it throws is not the try_table's to catch.
        Code tail = new Code().begin(0x02, WasmBuilder.I32).tryTable(EMPTY, new int[] {CATCH, e, 0});
        filler(tail);
        tail.get(0).get(1).u8(0x12).u32(orThrow).end().i32(-1).u8(0x0F).end();
        b.function("tailInTry", i32ToI32, new int[] {WasmBuilder.I32}, tail);
        // escape(): throws e(42) to whoever called it.
        b.function("escape", none, new int[0], new Code().i32(42).throwTag(e));
        // counted(x): counts local 1 up FILLER times, calls thrower(x, local 1), counts up FILLER times more; a
        // caught e(v) returns v * 100000 + local 1 as the handler sees it, else local 1.
        Code counted = new Code().begin(0x02, WasmBuilder.I32).tryTable(EMPTY, new int[] {CATCH, e, 0});
        filler(counted);
        counted.get(0).get(1).call(thrower);
        filler(counted);
        counted.end().get(1).u8(0x0F).end().i32(100000).u8(0x6C).get(1).u8(0x6A);
        b.function("counted", i32ToI32, new int[] {WasmBuilder.I32}, counted);
        // nested(x): counted's body after as much code again, so that at a small split target the try_table itself
        // lies in a part, which must catch what the parts inside it hand back.
        Code nested = new Code();
        filler(nested);
        filler(nested);
        nested.i32(0).set(1).code(counted);
        b.function("nested", i32ToI32, new int[] {WasmBuilder.I32}, nested);
        // viaHost(): calls the host, catching e(v) to return v.
        b.function("viaHost", toI32, new int[0], new Code().begin(0x02, WasmBuilder.I32)
                .tryTable(EMPTY, new int[] {CATCH, e, 0}).call(callback).end().i32(-1).u8(0x0F).end());
        // trapUnreachable(), trapMemory(): traps inside a catch_all, which must not catch them.
        b.function("trapUnreachable", none, new int[0], new Code().begin(0x02, EMPTY)
                .tryTable(EMPTY, new int[] {CATCH_ALL, 0, 0}).u8(0x00).end().end());
        b.function("trapMemory", none, new int[0], new Code().begin(0x02, EMPTY)
                .tryTable(EMPTY, new int[] {CATCH_ALL, 0, 0}).i32(70000).u8(0x28).u8(2).u8(0).u8(0x1A).end().end());
        return b.build();
    }

    private static void filler(Code code) {
        for (int i = 0; i < FILLER; i++) {
            code.get(1).i32(1).u8(0x6A).set(1);
        }
    }

    private static Instance instantiate(CompiledModule compiled, WasmFunction callback) {
        return compiled.load().instantiate(Imports.empty().add("host", "callback", callback));
    }

    private static final WasmFunction NOTHING = WasmFunction.host(FunctionType.parse(":"), "nothing",
            args -> new Object[0]);

    @Test
    void anExceptionThatEscapesReachesJavaWithItsTagAndValues() {
        Instance instance = instantiate(Compiler.compile(module(), new CompilerOptions("eh.Escape")), NOTHING);
        ThrownException thrown = assertThrows(ThrownException.class, () -> instance.function("escape").call());
        assertSame(instance.tag("e"), thrown.tag());
        assertArrayEquals(new Object[] {42}, thrown.values());
        assertEquals(0, thrown.getStackTrace().length, "no stack trace is filled in");
    }

    @Test
    void exceptionsCrossHostFunctionsBothWays() {
        AtomicReference<Instance> self = new AtomicReference<>();
        AtomicReference<ThrownException> seenByHost = new AtomicReference<>();
        WasmFunction callback = WasmFunction.host(FunctionType.parse(":"), "callback", args -> {
            try {
                return self.get().function("escape").call();
            } catch (ThrownException e) {
                seenByHost.set(e);
                throw e;
            }
        });
        Instance instance = instantiate(Compiler.compile(module(), new CompilerOptions("eh.Host")), callback);
        self.set(instance);
        assertArrayEquals(new Object[] {42}, instance.function("viaHost").call());
        assertSame(instance.tag("e"), seenByHost.get().tag());

        // A host's own exception of the guest's tag is caught by the guest too.
        WasmFunction throwing = WasmFunction.host(FunctionType.parse(":"), "callback", args -> {
            throw new ThrownException(self.get().tag("e"), 7);
        });
        Instance other = instantiate(Compiler.compile(module(), new CompilerOptions("eh.HostThrows")), throwing);
        self.set(other);
        assertArrayEquals(new Object[] {7}, other.function("viaHost").call());
    }

    @Test
    void trapsAreNotCaughtByCatchAll() {
        Instance instance = instantiate(Compiler.compile(module(), new CompilerOptions("eh.Traps")), NOTHING);
        assertEquals("unreachable", assertThrows(TrapException.class,
                () -> instance.function("trapUnreachable").call()).getMessage());
        assertEquals("out of bounds memory access", assertThrows(TrapException.class,
                () -> instance.function("trapMemory").call()).getMessage());
    }

    @Test
    void anExceptionThrownInOnePartIsCaughtInAnotherWithTheLocalsItLeftButNotATailCallees() {
        CompiledModule whole = Compiler.compile(module(), new CompilerOptions("eh.Whole"));
        CompiledModule split = Compiler.compile(module(), new CompilerOptions("eh.Split"), Progress.NONE, 300);
        assertTrue(split.stats().parts() > whole.stats().parts() + 10, split.stats().parts() + " parts");
        // Metering's handler around each function's body must not come before the try_tables' in the JVM's table.
        CompiledModule metered = Compiler.compile(module(), new CompilerOptions("eh.Metered").withMetering(true),
                Progress.NONE, 300);
        for (CompiledModule compiled : new CompiledModule[] {whole, split, metered}) {
            Instance instance = instantiate(compiled, NOTHING);
            assertArrayEquals(new Object[] {FILLER * 100000 + FILLER}, instance.function("counted").call(1));
            assertArrayEquals(new Object[] {2 * FILLER}, instance.function("counted").call(0));
            assertArrayEquals(new Object[] {FILLER * 100000 + FILLER}, instance.function("nested").call(1));
            assertArrayEquals(new Object[] {2 * FILLER}, instance.function("nested").call(0));
            assertArrayEquals(new Object[] {FILLER}, instance.function("tailInTry").call(0));
            ThrownException past = assertThrows(ThrownException.class, () -> instance.function("tailInTry").call(1),
                    compiled == whole ? "whole" : compiled == split ? "split" : "metered");
            assertArrayEquals(new Object[] {FILLER}, past.values(), "a tail call's exception passes its caller's try");
        }
    }
}
