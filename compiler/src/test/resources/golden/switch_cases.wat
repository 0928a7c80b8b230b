;; A switch as LLVM lowers one: a nest of void blocks with the br_table in the innermost, each case after a block's
;; end (compiled with a split target of 80 bytes). The nest and the dispatch stay in the method around them (here the
;; loop's body, a part itself at this target), and consecutive cases become parts that span the blocks' ends: each
;; begins with a tableswitch on its entry (in the frame's first slot after the locals), and the caller jumps from the
;; blocks' end labels to one call per part.
;; split-target: 80
;; run: run 0 -> 0
;; run: run 5 -> 15
;; run: run 20 -> 863
;; run: run 1000 -> 1316109
(module
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32) (local $i i32)
    (block $exit
      (loop $next
        (br_if $exit (i32.ge_u (local.get $i) (local.get $n)))
        (block $c7 (block $c6 (block $c5 (block $c4 (block $c3 (block $c2 (block $c1 (block $c0
          (br_table $c0 $c1 $c2 $c3 $c4 $c5 $c6 $c7
            (i32.and (i32.add (local.get $acc) (local.get $i)) (i32.const 7))))
          ;; case 0: on to the next turn
          (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const 1)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next))
        ;; case 1: through to case 2
        (local.set $acc (i32.xor (local.get $acc) (i32.const 0x55))))
        ;; case 2: to case 4 when acc is odd
        (local.set $acc (i32.add (local.get $acc) (i32.const 7)))
        (br_if $c3 (i32.and (local.get $acc) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))
        ;; case 3: out of the function
        (if (i32.gt_u (local.get $acc) (i32.const 100000))
          (then (return (i32.mul (local.get $acc) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next))
        ;; case 4
        (local.set $acc (i32.sub (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))
        ;; case 5
        (local.set $acc (i32.shl (local.get $acc) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))
        ;; case 6
        (local.set $acc (i32.add (local.get $acc) (i32.const 1000)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))
      ;; case 7: out of the loop
      (local.set $acc (i32.add (local.get $acc) (i32.const 1)))))
    (local.get $acc)))
