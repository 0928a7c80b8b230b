;; br_table: a tableswitch to the blocks' labels, through trampolines where a branch carries a value over others.
;; run: classify 0 -> 100
;; run: classify 2 -> 300
;; run: classify 9 -> 400
(module
  (func (export "classify") (param $x i32) (result i32)
    (block $d
      (block $c
        (block $b
          (block $a
            (br_table $a $b $c $d (local.get $x)))
          (return (i32.const 100)))
        (return (i32.const 200)))
      (return (i32.const 300)))
    (i32.const 400))
  (func (export "carry") (param $x i32) (result i32)
    (i32.add (i32.const 1)
      (block $out (result i32)
        (i32.mul (i32.const 10)
          (block $in (result i32)
            (i32.const 5) ;; stays below the carried value: dropped on the way out
            (i32.const 7)
            (br_table $in $out (local.get $x))))))))
