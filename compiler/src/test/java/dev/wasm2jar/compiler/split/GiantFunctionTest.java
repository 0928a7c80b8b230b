package dev.wasm2jar.compiler.split;

import static dev.wasm2jar.compiler.WasmBuilder.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.WasmBuilder;
import dev.wasm2jar.compiler.WasmBuilder.Code;
import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.compiler.internal.split.Splitter;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Functions far over HotSpot's 8,000-byte limit, generated here, compiled with splitting and run against results
 * computed in Java. Every method of every class these tests compile is checked against the limit.
 */
class GiantFunctionTest {
    private static int counter;

    private static Instance compile(byte[] wasm) {
        CompiledModule compiled = Compiler.compile(wasm, new CompilerOptions("giant.M" + (++counter)));
        for (Map.Entry<String, byte[]> file : compiled.files().entrySet()) {
            if (file.getKey().endsWith(".class")) {
                ClassFileSizes.methodSizes(file.getValue()).forEach((method, size) -> assertTrue(
                        size <= Splitter.METHOD_LIMIT, method + " has " + size + " bytes of bytecode"));
            }
        }
        return compiled.load().instantiate(Imports.empty());
    }

    /** 120,000 instructions of straight-line code on one local. */
    @Test
    void straightLineCode() {
        WasmBuilder m = new WasmBuilder();
        Code body = new Code();
        for (int k = 0; k < 20_000; k++) {
            body.get(0).i32(31).op(0x6C).i32(k % 1000).op(0x6A).set(0);
        }
        body.get(0);
        m.function("run", m.type(new int[] {I32}, new int[] {I32}), new int[0], body);
        Instance instance = compile(m.build());
        for (int arg : new int[] {0, 7, -123456}) {
            int x = arg;
            for (int k = 0; k < 20_000; k++) {
                x = x * 31 + k % 1000;
            }
            assertEquals(x, instance.function("run").call(arg)[0]);
        }
    }

    /** 200 nested blocks, each with code after it, and a br_table from the innermost to every one of them. */
    @Test
    void deepNestingWithBranchTable() {
        int depth = 200;
        WasmBuilder m = new WasmBuilder();
        Code body = new Code();
        for (int j = 0; j < depth; j++) {
            body.begin(0x02, I32);
        }
        for (int i = 0; i < 3000; i++) {
            body.get(1).i32(3).op(0x6C).i32(i % 7).op(0x6A).set(1);
        }
        int[] targets = new int[depth];
        for (int d = 0; d < depth; d++) {
            targets[d] = d;
        }
        body.get(1).get(0).brTable(targets, depth - 1);
        for (int j = depth - 1; j >= 0; j--) {
            body.end();
            for (int r = 0; r < 40; r++) {
                body.i32(3).op(0x6C).i32(j).op(0x6A);
            }
        }
        m.function("run", m.type(new int[] {I32}, new int[] {I32}), new int[] {I32}, body);
        Instance instance = compile(m.build());
        int x = 0;
        for (int i = 0; i < 3000; i++) {
            x = x * 3 + i % 7;
        }
        for (int sel : new int[] {0, 1, 57, depth - 1, depth, -1}) {
            int d = Integer.compareUnsigned(sel, depth - 1) > 0 ? depth - 1 : sel;
            int v = x;
            for (int j = depth - 1 - d; j >= 0; j--) {
                for (int r = 0; r < 40; r++) {
                    v = v * 3 + j;
                }
            }
            assertEquals(v, instance.function("run").call(sel)[0], "selector " + sel);
        }
    }

    /** A loop whose body alone is far over the limit, so the branch back to its start crosses methods. */
    @Test
    void largeLoopBody() {
        WasmBuilder m = new WasmBuilder();
        Code body = new Code().begin(0x03, 0x40);
        for (int i = 0; i < 1500; i++) {
            body.get(1).i64(6364136223846793005L).op(0x7E).get(2).op(0x7C).set(1);
            body.get(2).get(1).i64(i).op(0x7C).op(0x85).set(2);
        }
        body.get(0).i32(1).op(0x6B).tee(0).brIf(0).end().get(1).get(2).op(0x7C);
        m.function("run", m.type(new int[] {I32}, new int[] {I64}), new int[] {I64, I64}, body);
        Instance instance = compile(m.build());
        long a = 0;
        long b = 0;
        for (int n = 0; n < 50; n++) {
            for (int i = 0; i < 1500; i++) {
                a = a * 6364136223846793005L + b;
                b = b ^ (a + i);
            }
        }
        assertEquals(a + b, instance.function("run").call(50)[0]);
    }

    /** Locals of every numeric and reference type, all live across the whole function. */
    @Test
    void manyLocalsOfEveryType() {
        int n = 60;
        int[] locals = new int[4 * n + 20];
        for (int i = 0; i < n; i++) {
            locals[i] = I32;
            locals[n + i] = I64;
            locals[2 * n + i] = F32;
            locals[3 * n + i] = F64;
        }
        for (int i = 0; i < 10; i++) {
            locals[4 * n + i] = EXTERNREF;
            locals[4 * n + 10 + i] = FUNCREF;
        }
        WasmBuilder m = new WasmBuilder();
        Code body = new Code();
        for (int r = 1; r <= 30; r++) {
            for (int i = 0; i < n; i++) {
                body.get(i).i32(r * i).op(0x6A).set(i);
                body.get(n + i).i64((long) r * i * 1_000_003L).op(0x7C).set(n + i);
                body.get(2 * n + i).u8(0x43).raw(floatBytes(r * 0.25f + i)).op(0x92).set(2 * n + i);
                body.get(3 * n + i).f64(r * 0.5 + i).op(0xA0).set(3 * n + i);
            }
        }
        body.f64(0);
        for (int i = 0; i < n; i++) {
            body.get(i).op(0xB7).op(0xA0);
            body.get(n + i).op(0xB9).op(0xA0);
            body.get(2 * n + i).op(0xBB).op(0xA0);
            body.get(3 * n + i).op(0xA0);
        }
        for (int i = 0; i < 20; i++) {
            body.get(4 * n + i).op(0xD1).op(0xB7).op(0xA0);
        }
        m.function("run", m.type(new int[0], new int[] {F64}), locals, body);
        Instance instance = compile(m.build());

        int[] ints = new int[n];
        long[] longs = new long[n];
        float[] floats = new float[n];
        double[] doubles = new double[n];
        for (int r = 1; r <= 30; r++) {
            for (int i = 0; i < n; i++) {
                ints[i] += r * i;
                longs[i] += (long) r * i * 1_000_003L;
                floats[i] += r * 0.25f + i;
                doubles[i] += r * 0.5 + i;
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += ints[i];
            sum += (double) longs[i];
            sum += floats[i];
            sum += doubles[i];
        }
        sum += 20; // every reference local is null
        assertEquals(sum, instance.function("run").call()[0]);
    }

    /** Several results returned from deep inside parts, and a multi-value block with parameters spanning parts. */
    @Test
    void multiValueAcrossParts() {
        WasmBuilder m = new WasmBuilder();
        int results = m.type(new int[] {I32}, new int[] {I32, I64, F64});
        int blockType = m.type(new int[] {I32, I64}, new int[] {I64, I32});
        Code body = new Code();
        body.get(0).i64(5).beginTyped(0x02, blockType).set(2).set(1);
        filler(body, 1, 2000);
        body.get(2).i64(1000).op(0x7C).get(1).end();
        // stack: i64, i32
        body.set(1).set(2);
        body.get(0).i32(1).op(0x46).begin(0x04, 0x40);
        filler(body, 1, 2000);
        body.get(1).get(2).f64(2.5).op(0x0F);
        body.end();
        filler(body, 1, 2000);
        body.get(1).get(2).i64(7).op(0x7C).f64(-1.0);
        m.function("run", results, new int[] {I32, I64}, body);
        Instance instance = compile(m.build());

        for (int sel : new int[] {0, 1}) {
            int x = sel;
            x = fill(x, 2000);
            long y = 5 + 1000;
            Object[] expected;
            if (sel == 1) {
                x = fill(x, 2000);
                expected = new Object[] {x, y, 2.5};
            } else {
                x = fill(x, 2000);
                expected = new Object[] {x, y + 7, -1.0};
            }
            assertArrayEquals(expected, instance.function("run").call(sel), "selector " + sel);
        }
    }

    /** Vectors in locals, on the stack and carried by branches, across parts. */
    @Test
    void vectorsAcrossParts() {
        int v128 = 0x7B;
        WasmBuilder m = new WasmBuilder();
        Code body = new Code();
        for (int k = 0; k < 3000; k++) {
            body.get(1).get(0).i32(k).op(0x6A).u8(0xFD).u32(0x11).u8(0xFD).u32(0xAE).set(1);
            if (k % 500 == 499) {
                // A block whose vector result is also carried by a branch out of it.
                body.begin(0x02, v128).get(1).get(0).i32(k).op(0x6A).u8(0xFD).u32(0x11).u8(0xFD).u32(0xAE)
                        .get(0).brIf(0).op(0x1A).i32(0).u8(0xFD).u32(0x11).end().set(1);
            }
        }
        body.get(1).u8(0xFD).u32(0x1B).u8(0).get(1).u8(0xFD).u32(0x1B).u8(3).op(0x6A);
        m.function("run", m.type(new int[] {I32}, new int[] {I32}), new int[] {v128}, body);
        Instance instance = compile(m.build());
        for (int x : new int[] {0, 1, -7}) {
            int lane = 0;
            for (int k = 0; k < 3000; k++) {
                lane += x + k;
                if (k % 500 == 499) {
                    lane = x != 0 ? lane + x + k : 0; // taken: the vector plus the splat; not taken: zeros
                }
            }
            assertEquals(2 * lane, instance.function("run").call(x)[0], "x = " + x);
        }
    }

    /** Enough functions for several classes, each calling the one before it, across class boundaries. */
    @Test
    void manyFunctionsOverSeveralClasses() {
        int n = 5000;
        WasmBuilder m = new WasmBuilder();
        int type = m.type(new int[] {I32}, new int[] {I32});
        m.function("f0", type, new int[0], new Code().get(0).i32(1).op(0x6A));
        for (int i = 1; i < n; i++) {
            // f_i(x) = f_{i-1}(x * 3 + i)
            m.function(i == n - 1 ? "last" : null, type, new int[0],
                    new Code().get(0).i32(3).op(0x6C).i32(i).op(0x6A).u8(0x10).u32(i - 1));
        }
        byte[] wasm = m.build();
        CompiledModule compiled = Compiler.compile(wasm, new CompilerOptions("giant.Many"));
        assertTrue(compiled.stats().classes() >= 3, compiled.stats().toString());
        Instance instance = compile(wasm);
        int x = 7;
        for (int i = n - 1; i >= 1; i--) {
            x = x * 3 + i;
        }
        assertEquals(x + 1, instance.function("last").call(7)[0]);
    }

    private static void filler(Code body, int local, int count) {
        for (int i = 0; i < count; i++) {
            body.get(local).i32(5).op(0x6C).i32(i).op(0x73).set(local);
        }
    }

    private static int fill(int x, int count) {
        for (int i = 0; i < count; i++) {
            x = (x * 5) ^ i;
        }
        return x;
    }

    private static byte[] floatBytes(float f) {
        int bits = Float.floatToRawIntBits(f);
        return new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
    }
}
