;; NaN bits that the spec leaves open, reaching integers: binaryen 108 returns the canonical NaN 0x7fc00000 for
;; these arithmetic results, the JVM (x86) the first operand's payload made quiet, 0x7fe00001. Both are arithmetic
;; NaNs, as the spec asks; bin/fuzz sees the difference and accepts the module because it agrees without NaNs.
(module
  (func (export "scalar") (result i32)
    (i32.reinterpret_f32 (f32.add (f32.const nan:0x200001) (f32.const 1))))
  (func (export "vector") (result i32)
    (i32x4.extract_lane 0 (f32x4.div (v128.const i32x4 0x7fa00001 0 0 0) (v128.const f32x4 1 1 1 1))))
  (func (export "kept") (result i32)
    ;; A load keeps a signalling NaN's bits, as the spec fixes: no difference here.
    (f32.store (i32.const 0) (f32.const nan:0x200001))
    (i32.reinterpret_f32 (f32.load (i32.const 0))))
  (memory 1))
