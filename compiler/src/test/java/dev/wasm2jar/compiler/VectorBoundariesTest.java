package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.V128;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * v128 where the spec scripts do not take it: several results mixing vectors and numbers, calls through a table, host
 * functions, shared globals written from both sides, and vectors carried by branches out of blocks and loops.
 */
class VectorBoundariesTest {
    private static final String WAT = """
            (module
              (import "host" "twice" (func $twice (param v128 i32) (result v128)))
              (import "host" "shared" (global $shared (mut v128)))
              (type $vi (func (param v128 i32) (result v128)))
              (table 1 funcref)
              (elem (i32.const 0) $add)
              (global $private (mut v128) (v128.const i32x4 0 0 0 0))
              (func $add (param $v v128) (param $n i32) (result v128)
                (i32x4.add (local.get $v) (i32x4.splat (local.get $n))))
              ;; Several results: a vector between two numbers, through a call and at the API.
              (func $pair (export "pair") (param $v v128) (result i32 v128 f32)
                (i32.const 7) (local.get $v) (f32.const 1.5))
              (func (export "unpair") (param $v v128) (result i32)
                (local $r f32) (local $n i32)
                (call $pair (local.get $v))
                (local.set $r) (i32x4.extract_lane 3) (i32.add) (i32.trunc_f32_s (local.get $r)) (i32.add))
              (func (export "indirect") (param $v v128) (result v128)
                (call_indirect (type $vi) (local.get $v) (i32.const 10) (i32.const 0)))
              (func (export "host") (param $v v128) (result v128)
                (call $twice (local.get $v) (i32.const 3)))
              ;; Globals: the shared one is read and written from Java as well.
              (func (export "globals") (param $v v128) (result v128)
                (global.set $private (f32x4.add (local.get $v) (global.get $shared)))
                (global.set $shared (global.get $private))
                (global.get $private))
              ;; A vector carried out of a block by br_if, out of a loop by br, through select; a float-shaped local.
              (func (export "branches") (param $v v128) (param $n i32) (result v128)
                (local $acc v128)
                (local.set $acc (f32x4.splat (f32.const 1)))
                (block $done (result v128)
                  (loop $again
                    (local.set $acc (f32x4.mul (local.get $acc) (local.get $v)))
                    (br_if $done (local.get $acc) (i32.eqz (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (br $again))
                  (unreachable))
                (select (result v128) (v128.const f32x4 -1 -1 -1 -1) (i32.const 1)))
            )
            """;

    @Test
    void vectorsCrossEveryBoundary(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TextFormat.available(), "wabt's wat2wasm is not installed");
        Path wat = dir.resolve("vectors.wat");
        Files.writeString(wat, WAT);
        Global shared = new Global(ValueType.V128, true, V128.ofInts(Float.floatToRawIntBits(1), 0, 0, 0));
        WasmFunction twice = WasmFunction.host(FunctionType.parse("vi:v"), "twice", args -> {
            int[] lanes = ((V128) args[0]).ints();
            int times = (Integer) args[1];
            return new Object[] {V128.ofInts(lanes[0] * times, lanes[1] * times, lanes[2] * times, lanes[3] * times)};
        });
        Imports imports = Imports.empty().add("host", "twice", twice).add("host", "shared", shared);
        Instance instance = Compiler.compile(TextFormat.assemble(wat), new CompilerOptions("test.Vectors")).load()
                .instantiate(imports);

        V128 v = V128.ofInts(1, 2, 3, 4);
        assertArrayEquals(new Object[] {7, v, 1.5f}, instance.function("pair").call(v));
        assertArrayEquals(new Object[] {7 + 4 + 1}, instance.function("unpair").call(v));
        assertArrayEquals(new Object[] {V128.ofInts(11, 12, 13, 14)}, instance.function("indirect").call(v));
        assertArrayEquals(new Object[] {V128.ofInts(3, 6, 9, 12)}, instance.function("host").call(v));

        V128 floats = V128.ofInts(Float.floatToRawIntBits(2), Float.floatToRawIntBits(-0.5f), 0, 0);
        V128 sum = V128.ofInts(Float.floatToRawIntBits(3), Float.floatToRawIntBits(-0.5f), 0, 0);
        assertArrayEquals(new Object[] {sum}, instance.function("globals").call(floats));
        assertEquals(sum, shared.getV128());
        shared.set(V128.ZERO);
        assertArrayEquals(new Object[] {floats}, instance.function("globals").call(floats));

        V128 base = V128.ofInts(Float.floatToRawIntBits(2), Float.floatToRawIntBits(3), 0,
                Float.floatToRawIntBits(-1));
        V128 cubes = V128.ofInts(Float.floatToRawIntBits(8), Float.floatToRawIntBits(27), 0,
                Float.floatToRawIntBits(-1));
        assertArrayEquals(new Object[] {cubes}, instance.function("branches").call(base, 3));
    }
}
