;; Several results: a function returns a long[] of raw bits; blocks with parameters and results stay on the stack.
;; run: sum 3 4 -> 14
;; run: unpack 47 -> 11
(module
  (func $divmod (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_u (local.get $a) (local.get $b))
    (i32.rem_u (local.get $a) (local.get $b)))
  (func $pair (param $x f64) (result f64 i64)
    (local.get $x) (i64.trunc_f64_s (local.get $x)))
  (func (export "sum") (param $a i32) (param $b i32) (result i32)
    (local.get $a) (local.get $b)
    (block (param i32 i32) (result i32 i32)
      (i32.add) (i32.const 7))
    (i32.add))
  (func (export "unpack") (param $a i32) (result i32)
    (call $divmod (local.get $a) (i32.const 10))
    (i32.add)
    (call $pair (f64.const 2.5))
    (drop)
    (drop)))
