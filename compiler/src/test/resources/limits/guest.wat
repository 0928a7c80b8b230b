;; The guest of the limits tests: loops that end and loops that do not, recursion, and memory.grow.
(module
  (import "host" "started" (func $started))
  (memory (export "memory") 2)

  ;; A do-while loop of n iterations (n >= 1): its head runs n times, so with the call it spends n + 1 fuel.
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))

  ;; Tells the host it runs, then never ends.
  (func (export "spin")
    (call $started)
    (loop $forever (br $forever)))

  ;; Recursion n + 1 calls deep; returns n.
  (func $depth (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get $n) (i32.const 1)))))))

  ;; Recursion that never returns.
  (func $bottomless (export "bottomless") (param $n i32) (result i32)
    (call $bottomless (i32.add (local.get $n) (i32.const 1))))

  ;; Doubly recursive Fibonacci: no loop at all, and fib(60) would run for years.
  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else (i64.add (call $fib (i64.sub (local.get $n) (i64.const 1)))
                     (call $fib (i64.sub (local.get $n) (i64.const 2)))))))

  ;; Tells the host it runs, then computes fib(n) slowly: for the guest that interrupts.
  (func (export "startedFib") (param $n i64) (result i64)
    (call $started)
    (call $fib (local.get $n)))

  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))

  ;; A loop with a long body, for splitting: the xor-shift steps leave the sum of 1..n in $acc.
  (func (export "churn") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $x i32)
    (loop $next
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $x (i32.xor (local.get $i) (i32.shl (local.get $i) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $acc (i32.add (local.get $acc) (local.get $i)))
      (local.set $acc (i32.add (local.get $acc) (i32.and (local.get $x) (i32.const 0))))
      (br_if $next (i32.ne (local.get $i) (local.get $n))))
    (local.get $acc)))
