;; SIMD: vectors live in JVM locals in the shape their instructions want (four floats for f32x4 arithmetic, two
;; longs for byte lanes), never on the JVM stack; at the function's boundary a vector is a V128.
;; run: dot 1.5 -> 15
;; run: bytes 5 -> 40
(module
  (memory 1)
  (func (export "dot") (param $s f32) (result f32)
    (local $v v128)
    (v128.store (i32.const 0) (v128.const f32x4 1 2 3 4))
    (local.set $v (f32x4.mul (v128.load (i32.const 0)) (f32x4.splat (local.get $s))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))
  (func (export "bytes") (param $b i32) (result i32)
    (local $v v128)
    (local.set $v (i8x16.add (i8x16.splat (local.get $b)) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)))
    (local.set $v (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get $v) (local.get $v)))
    (local.set $v (i8x16.replace_lane 1 (local.get $v) (i32.const 0)))
    (i32.add (i8x16.extract_lane_u 0 (local.get $v)) (i32.add
      (i8x16.extract_lane_u 1 (local.get $v)) (i32x4.extract_lane 0 (i32x4.extend_low_i16x8_u
        (i16x8.extend_low_i8x16_u (local.get $v)))))))
  (func (export "wide") (param $v v128) (result v128)
    (v128.bitselect (local.get $v) (i64x2.splat (i64.const 7)) (v128.const i32x4 -1 0 -1 0))))
