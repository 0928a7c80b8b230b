;; Numbers: JVM instructions where they have wasm's semantics, NumericOps where they do not (traps, NaN rules,
;; unsigned conversions), the JDK's intrinsics for rotations and bit counts; comparisons as 0 or 1.
;; run: mix 7 3 -> 169
;; run: divide 7 0 -> trap
;; run: floats 2.5 -> 3
;; run: nan -> 2141192192
(module
  (func (export "mix") (param $a i32) (param $b i32) (result i32)
    (i32.add
      (i32.mul (local.get $a) (i32.rotl (local.get $b) (i32.const 3)))
      (i32.add
        (i32.popcnt (i32.xor (local.get $a) (local.get $b)))
        (i32.lt_u (local.get $a) (local.get $b)))))
  (func (export "divide") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))
  (func (export "wide") (param $a i64) (param $b i64) (result i64)
    (i64.or
      (i64.shr_u (local.get $a) (local.get $b))
      (i64.extend_i32_u (i32.wrap_i64 (i64.rem_u (local.get $a) (local.get $b))))))
  (func (export "floats") (param $x f64) (result i32)
    (local $y f32)
    (local.set $y (f32.demote_f64 (f64.sqrt (local.get $x))))
    (i32.trunc_sat_f32_s
      (f32.add
        (f32.copysign (local.get $y) (f32.const 1.0))
        (f32.min (f32.const 3.5) (f32.nearest (local.get $y))))))
  (func (export "nan") (result i32)
    (i32.reinterpret_f32 (f32.const nan:0x200000)))
  (func (export "compare") (param $x f64) (param $y f64) (result i32)
    (i32.and (f64.lt (local.get $x) (local.get $y)) (f64.ne (local.get $x) (local.get $y)))))
