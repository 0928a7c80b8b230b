;; Metering (compiled with it, and split with a target of 120 bytes): the module class extends MeteredInstance; each
;; function's own method calls MeterOps.enter at its start and MeterOps.leave before every return and, through a
;; handler around its body, on every exception; each loop calls MeterOps.poll at its head, in a part as in a whole
;; method. Parts do not enter: they run inside their function's call.
;; metering
;; split-target: 120
;; run: fib 10 -> 55
;; run: spin 1000 -> 1000
;; run: spin 0 -> 1
;; run: spin -1 -> 0
;; run: boom 0 -> trap
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "spin") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (i32.const 0))))
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $j) (i32.const 24))))
        (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $j) (i32.const 24))))
        (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $j) (i32.const 9))))
        (local.set $acc (i32.sub (local.get $acc) (i32.mul (local.get $j) (i32.const 9))))
        (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 3))))
      (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
      (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $i) (i32.const 20))))
      (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $i) (i32.const 20))))
      (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $i) (i32.const 21))))
      (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $i) (i32.const 21))))
      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 3))))
      (local.set $acc (i32.sub (local.get $acc) (i32.mul (local.get $i) (i32.const 3))))
      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 5))))
      (local.set $acc (i32.sub (local.get $acc) (i32.mul (local.get $i) (i32.const 5))))
      (local.set $acc (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 7))))
      (local.set $acc (i32.sub (local.get $acc) (i32.mul (local.get $i) (i32.const 7))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc))
  (func (export "boom") (param i32) (result i32)
    (i32.div_u (i32.const 1) (local.get 0))))
