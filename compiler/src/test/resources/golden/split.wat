;; A function cut into parts (compiled with a split target of 150 bytes instead of 6,000, so that it stays small):
;; each part is a static method (long[] frame, Object[] refs, instance) returning 0 to run on, -1 to return, or the
;; index of the construct it branches to; locals and operands cross parts through the frame.
;; split-target: 150
;; run: run 3 -> 63459
;; run: run 2 -> 454489
;; run: run 100 -> 100
(module
  (func (export "run") (param $n i32) (result i32)
    (local $a i32) (local $b i64) (local $x f64)
    (if (i32.gt_u (local.get $n) (i32.const 50)) (then (return (local.get $n))))
    (local.set $a (i32.mul (local.get $n) (i32.const 3)))
    (local.set $b (i64.extend_i32_u (local.get $a)))
    (block $exit
    (block $out
      (loop $again
        (br_if $exit (i32.eq (local.get $a) (i32.const 7)))
        (local.set $a (i32.add (i32.mul (local.get $a) (i32.const 5)) (i32.const 1)))
        (local.set $b (i64.add (i64.mul (local.get $b) (i64.const 3)) (i64.extend_i32_u (local.get $a))))
        (local.set $x (f64.add (local.get $x) (f64.convert_i32_u (local.get $a))))
        (br_if $out (i32.gt_u (local.get $a) (i32.const 1000)))
        (local.set $a (i32.add (local.get $a) (i32.wrap_i64 (i64.rem_u (local.get $b) (i64.const 7)))))
        (local.set $b (i64.xor (local.get $b) (i64.shl (local.get $b) (i64.const 1))))
        (local.set $x (f64.mul (local.get $x) (f64.const 1.5)))
        (local.set $b (i64.rotl (local.get $b) (i64.extend_i32_u (i32.and (local.get $a) (i32.const 63)))))
        (local.set $a (i32.xor (local.get $a) (i32.wrap_i64 (i64.shr_u (local.get $b) (i64.const 40)))))
        (local.set $a (i32.rem_u (local.get $a) (i32.const 100000)))
        (local.set $x (f64.sub (local.get $x) (f64.convert_i64_s (i64.and (local.get $b) (i64.const 0xffff)))))
        (local.set $b (i64.add (local.get $b) (i64.extend_i32_s (i32.popcnt (local.get $a)))))
        (local.set $x (f64.add (local.get $x) (f64.sqrt (f64.abs (local.get $x)))))
        (br $again)))
    (local.set $a (i32.add (local.get $a) (i32.const 1))))
    (loop $mix
      (local.set $b (i64.add (i64.mul (local.get $b) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 0.25)) (f64.convert_i64_u (i64.shr_u (local.get $b) (i64.const 44)))))
      (local.set $a (i32.add (local.get $a) (i32.wrap_i64 (i64.shr_u (local.get $b) (i64.const 59)))))
      (br_if $mix (i32.lt_u (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 20))))
    (i32.add
      (i32.add (local.get $a) (i32.wrap_i64 (i64.rem_u (local.get $b) (i64.const 100))))
      (i32.trunc_f64_u (f64.div (local.get $x) (f64.const 100))))))
