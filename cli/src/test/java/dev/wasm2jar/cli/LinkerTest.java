package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.host.ErrorCodes;
import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.runtime.host.HostError;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.runtime.host.Linker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Linker} of runtime-support, on modules assembled from text (here because it needs the compiler): where
 * each import comes from, and what its errors say.
 */
class LinkerTest {
    private static final FunctionType I32_I32_TO_I32 = FunctionType.parse("ii:i");
    private static final FunctionType I32X3_TO_I32 = FunctionType.parse("iii:i");
    private static final FunctionType I64_TO_NONE = FunctionType.parse("l:");

    @TempDir
    static Path dir;

    private static final AtomicInteger MODULES = new AtomicInteger();

    private static Module module(String wat) {
        try {
            Path file = dir.resolve("m" + MODULES.incrementAndGet() + ".wat");
            Files.writeString(file, wat);
            return Compiler.compile(TextFormat.assemble(file), new CompilerOptions("linker.M" + MODULES.get())).load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handle that returns {@code value}, whatever its arguments, as a function of {@code type}. */
    private static MethodHandle constant(FunctionType type, int value) {
        MethodHandle c = MethodHandles.constant(int.class, value);
        return MethodHandles.dropArguments(c, 0, type.methodType().parameterList());
    }

    /** A host module offering {@code demo.f} in {@code types}; the code of the i-th returns 100 + i. */
    private static HostModule offering(List<String> made, FunctionType... types) {
        return offer -> {
            for (int i = 0; i < types.length; i++) {
                FunctionType type = types[i];
                int value = 100 + i;
                offer.add("demo", "f", type, () -> {
                    made.add(type.signature());
                    return type.results().isEmpty() ? MethodHandles.empty(type.methodType()) : constant(type, value);
                });
            }
        };
    }

    private static int call(Instance instance, String export, Object... args) {
        return (Integer) instance.function(export).call(args)[0];
    }

    @Test
    void anImportNothingProvidesIsNamedWithItsType() {
        Module m = module("(module (import \"env\" \"foo\" (func (param i32))))");
        UnlinkableException e = assertThrows(UnlinkableException.class, () -> Linker.create().instantiate(m));
        assertEquals("unknown import env.foo (function [i32] -> [])", e.getMessage());
        Module mem = module("(module (import \"env\" \"mem\" (memory 1 2)))");
        e = assertThrows(UnlinkableException.class, () -> Linker.create().instantiate(mem));
        assertEquals("unknown import env.mem (memory (min 1 max 2))", e.getMessage());
    }

    @Test
    void aWrongTypeNamesTheExpectedTypeAndEveryOfferedOne() {
        Module m = module("(module (import \"demo\" \"f\" (func (param i32 i32 i32) (result i32))))");
        List<String> made = new ArrayList<>();
        UnlinkableException e = assertThrows(UnlinkableException.class,
                () -> Linker.create().with(offering(made, I32_I32_TO_I32, I64_TO_NONE)).instantiate(m));
        assertEquals("import demo.f: expected [i32 i32 i32] -> [i32], the host offers [i32 i32] -> [i32] or"
                + " [i64] -> []", e.getMessage());
        assertEquals(List.of(), made);
    }

    @Test
    void eachImportTakesTheOfferInItsOwnType() {
        Module m = module("""
                (module
                  (import "demo" "f" (func $v1 (param i32 i32) (result i32)))
                  (import "demo" "f" (func $v2 (param i32 i32 i32) (result i32)))
                  (func (export "v1") (result i32) (call $v1 (i32.const 1) (i32.const 2)))
                  (func (export "v2") (result i32) (call $v2 (i32.const 1) (i32.const 2) (i32.const 3))))""");
        List<String> made = new ArrayList<>();
        Instance instance = Linker.create().with(offering(made, I64_TO_NONE, I32X3_TO_I32, I32_I32_TO_I32))
                .instantiate(m);
        assertEquals(102, call(instance, "v1"));
        assertEquals(101, call(instance, "v2"));
        assertEquals(List.of("ii:i", "iii:i"), made, "only the imported code is made");
    }

    @Test
    void hostCodeIsMadeAtTheFirstCallOfItsImportAndOnlyOnce() {
        Module m = module("""
                (module
                  (import "demo" "f" (func $f (param i32 i32) (result i32)))
                  (func (export "call") (result i32) (call $f (i32.const 1) (i32.const 2))))""");
        List<String> made = new ArrayList<>();
        Instance instance = Linker.create().with(offering(made, I32_I32_TO_I32)).instantiate(m);
        assertEquals(List.of(), made, "linking makes no code");
        assertEquals(100, call(instance, "call"));
        assertEquals(100, call(instance, "call"));
        assertEquals(List.of("ii:i"), made, "the first call made it, once");
    }

    @Test
    void tableFunctionsAreMadeWhenCalledAndKeepTheirIdentity() {
        Module m = module("""
                (module
                  (type $t (func (result i32)))
                  (table (export "table") 3 funcref)
                  (elem (i32.const 0) $one $two $three)
                  (func $one (result i32) (i32.const 1))
                  (func $two (export "two") (result i32) (i32.const 2))
                  (func $three (result i32) (i32.const 3))
                  (func (export "pick") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))""");
        Instance instance = Linker.create().instantiate(m);
        assertEquals(3, call(instance, "pick", 2));
        assertEquals(1, call(instance, "pick", 0));
        assertSame(instance.function("two"), instance.table("table").get(1), "an export is its table element");
        assertEquals(2, call(instance, "two"));
    }

    @Test
    void definitionsComeBeforeHostModulesAndEarlierHostModulesBeforeLater() {
        Module m = module("""
                (module
                  (import "demo" "f" (func $f (param i32 i32) (result i32)))
                  (func (export "f") (result i32) (call $f (i32.const 0) (i32.const 0))))""");
        HostModule second = offer -> offer.add("demo", "f", I32_I32_TO_I32, () -> constant(I32_I32_TO_I32, 2));
        assertEquals(100, call(Linker.create().with(offering(new ArrayList<>(), I32_I32_TO_I32)).with(second)
                .instantiate(m), "f"));
        assertEquals(2, call(Linker.create().with(second).with(offering(new ArrayList<>(), I32_I32_TO_I32))
                .instantiate(m), "f"));
        WasmFunction defined = WasmFunction.of(I32_I32_TO_I32, constant(I32_I32_TO_I32, 7), "seven");
        assertEquals(7, call(Linker.create().with(second).define("demo", "f", defined).instantiate(m), "f"));
    }

    @Test
    void aDefinitionOfAnotherTypeIsNamedWithBothTypes() {
        Module m = module("(module (import \"env\" \"g\" (func)) (import \"env\" \"m\" (memory 2)))");
        WasmFunction wrong = WasmFunction.of(I32_I32_TO_I32, constant(I32_I32_TO_I32, 0), "wrong");
        UnlinkableException e = assertThrows(UnlinkableException.class,
                () -> Linker.create().define("env", "g", wrong).define("env", "m", new Memory(2, -1)).instantiate(m));
        assertEquals("import env.g: expected function [] -> [], found function [i32 i32] -> [i32]", e.getMessage());
        WasmFunction right = WasmFunction.of(FunctionType.parse(":"), MethodHandles.empty(
                FunctionType.parse(":").methodType()), "right");
        e = assertThrows(UnlinkableException.class, () -> Linker.create().define("env", "g", right)
                .define("env", "m", new Memory(1, -1)).instantiate(m));
        assertEquals("import env.m: expected memory (min 2), found memory of 1 pages", e.getMessage());
    }

    @Test
    void instancesAreDefinedAsModules() {
        Module lib = module("(module (func (export \"add\") (param i32 i32) (result i32)"
                + " (i32.add (local.get 0) (local.get 1))))");
        Module app = module("""
                (module
                  (import "lib" "add" (func $add (param i32 i32) (result i32)))
                  (func (export "run") (result i32) (call $add (i32.const 40) (i32.const 2))))""");
        Linker linker = Linker.create();
        linker.defineInstance("lib", linker.instantiate(lib));
        assertEquals(42, call(linker.instantiate(app), "run"));
        assertEquals(42, call(app.instantiate(Imports.empty().addInstance("lib", lib.instantiate(Imports.empty()))),
                "run"), "Imports still work");
    }

    /** Records its arguments and the method below it (hidden frames shown: a method handle would leave its own). */
    static final class Mix implements HostCall {
        final List<Long> args = new ArrayList<>();
        String caller;

        @Override
        public long call(long a, long b, long c, long d) {
            args.addAll(List.of(a, b, c, d));
            caller = StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                    .walk(frames -> frames.skip(1).findFirst().orElseThrow().getMethodName());
            return Double.doubleToRawLongBits(Double.longBitsToDouble(0x7ff8_0000_0000_0badL));
        }
    }

    @Test
    void hostCallsAreCalledByTheImportStubWithEveryValuesExactBits() {
        Module m = module("""
                (module
                  (import "demo" "mix" (func $mix (param i32 i64 f32 f64) (result f64)))
                  (import "demo" "last" (func $last (param i64)))
                  (import "demo" "neg" (func $neg (param f32) (result f32)))
                  (func (export "run") (result i64)
                    (call $last (i64.const -5))
                    (i64.reinterpret_f64 (call $mix (i32.const -2) (i64.const 0x123456789)
                      (f32.reinterpret_i32 (i32.const 0x7fa00001)) (f64.const -0.0))))
                  (func (export "neg") (result i32)
                    (i32.reinterpret_f32 (call $neg (f32.reinterpret_i32 (i32.const 0x7fc00123))))))""");
        Mix mix = new Mix();
        List<Long> last = new ArrayList<>();
        HostModule host = offer -> offer
                .addCall("demo", "mix", FunctionType.parse("ilfd:d"), () -> mix)
                .addCall("demo", "last", FunctionType.parse("l:"), () -> new HostCall() {
                    @Override
                    public long call(long a) {
                        last.add(a);
                        return 99;
                    }
                })
                .addCall("demo", "neg", FunctionType.parse("f:f"), () -> new HostCall() {
                    @Override
                    public long call(long a) {
                        return a ^ 0x8000_0000L;
                    }
                });
        Instance instance = Linker.create().with(host).instantiate(m);
        assertEquals(0x7ff8_0000_0000_0badL, (Long) instance.function("run").call()[0], "an f64 result, bit for bit");
        assertEquals(List.of(-2L, 0x123456789L, 0x7fa00001L, Double.doubleToRawLongBits(-0.0)), mix.args,
                "an i32 sign-extended, an i64 as it is, an f32's and an f64's bits (a signalling NaN kept)");
        assertEquals("callImport0", mix.caller, "the import stub calls the host call itself");
        assertEquals(List.of(-5L), last, "a function with no result");
        assertEquals(0xffc00123, call(instance, "neg"), "an f32 result, bit for bit");
    }

    @Test
    void aHostCallIsAFunctionReferenceTooAndFailuresBecomeCodesOnlyWhereMapped() {
        Module m = module("""
                (module
                  (import "demo" "f" (func $f (param i32) (result i32)))
                  (export "f" (func $f))
                  (func (export "call") (param i32) (result i32) (call $f (local.get 0))))""");
        HostModule host = offer -> offer.addCall("demo", "f", FunctionType.parse("i:i"), () -> ErrorCodes.catching(
                new HostCall() {
                    @Override
                    public long call(long a) throws IOException {
                        return switch ((int) a) {
                            case 1 -> throw new HostError(16, "busy");
                            case 2 -> throw new IOException("mapped");
                            case 3 -> throw new TrapException("unreachable");
                            default -> a * 10;
                        };
                    }
                }, t -> {
                    if (t instanceof IOException) {
                        return 44;
                    }
                    throw t;
                }));
        Instance instance = Linker.create().with(host).instantiate(m);
        for (String export : List.of("call", "f")) {
            assertEquals(-70, call(instance, export, -7), export);
            assertEquals(16, call(instance, export, 1), export);
            assertEquals(44, call(instance, export, 2), export);
            WasmException trap = assertThrows(WasmException.class, () -> call(instance, export, 3), export);
            assertEquals("unreachable", trap.getMessage());
        }
    }

    @Test
    void onlyFunctionsOfNumbersWithOneResultAtMostAreHostCalls() {
        HostFunctions offer = new HostFunctions();
        for (String type : List.of("v:", "ii:ii", ":E", "iiiiiiiiiii:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> offer.addCall("demo", "f", FunctionType.parse(type), () -> new HostCall() {}));
            assertTrue(e.getMessage().startsWith("demo.f: a function of type "), e.getMessage());
        }
        offer.addCall("demo", "f", FunctionType.parse("iiiiiiiiii:d"), () -> new HostCall() {});
        assertEquals(List.of(FunctionType.parse("iiiiiiiiii:d")), offer.types("demo", "f"));
    }

    /** Reads the i32 at address 0 of the instance's memory, through the offer's GuestMemory. */
    private static final HostModule PEEK = offer -> {
        GuestMemory memory = offer.memory();
        offer.add("host", "peek", FunctionType.parse(":i"), () -> MethodHandles.filterReturnValue(
                MethodHandles.constant(GuestMemory.class, memory), Peek.HANDLE));
    };

    /** {@code memory -> i32 at 0}, as a handle. */
    static final class Peek {
        static final MethodHandle HANDLE;

        static {
            try {
                HANDLE = MethodHandles.lookup().findStatic(Peek.class, "peek",
                        java.lang.invoke.MethodType.methodType(int.class, GuestMemory.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static int peek(GuestMemory memory) {
            return GuestMemory.i32(memory.bytes(), 0);
        }
    }

    @Test
    void hostFunctionsSeeTheExportedMemoryAndAnImportedOneEvenFromTheStartFunction() {
        Module exported = module("""
                (module
                  (import "host" "peek" (func $peek (result i32)))
                  (memory (export "memory") 1) (data (i32.const 0) "\\2a")
                  (func (export "peek") (result i32) (call $peek)))""");
        assertEquals(42, call(Linker.create().with(PEEK).instantiate(exported), "peek"));

        Memory shared = new Memory(1, -1);
        shared.writeI32(0, 7);
        Module imported = module("""
                (module
                  (import "host" "peek" (func $peek (result i32)))
                  (import "env" "memory" (memory 1))
                  (global $seen (mut i32) (i32.const 0))
                  (func $start (global.set $seen (call $peek)))
                  (start $start)
                  (func (export "seen") (result i32) (global.get $seen)))""");
        assertEquals(7, call(Linker.create().with(PEEK).define("env", "memory", shared).instantiate(imported), "seen"));
    }

    @Test
    void theOfferSaysWhatItHas() {
        HostFunctions offer = new HostFunctions();
        offering(new ArrayList<>(), I32_I32_TO_I32, I64_TO_NONE).offer(offer);
        assertEquals(List.of(I32_I32_TO_I32, I64_TO_NONE), offer.types("demo", "f"));
        assertEquals(List.of(), offer.types("demo", "g"));
        assertArrayEquals(new Object[] {null}, new Object[] {offer.code("demo", "f", I32X3_TO_I32)});
    }
}
