;; A loop over linear memory: the byte array lives in a local, reloaded after memory.grow; loads and stores are
;; MemoryOps calls with the instruction's offset as a constant.
;; run: sum 10 -> 285
(module
  (memory 1)
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store offset=16 (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (local.set $i (i32.const 0))
    (loop $add
      (local.set $acc (i32.add (local.get $acc) (i32.load offset=16 (i32.shl (local.get $i) (i32.const 2)))))
      (br_if $add (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func (export "bytes") (param $a i32) (result i64)
    (i64.store16 (local.get $a) (i64.const -2))
    (drop (memory.grow (i32.const 1)))
    (i64.add (i64.load8_s (local.get $a))
      (i64.extend_i32_u (i32.add (memory.size) (i32.load16_u offset=1 (local.get $a)))))))
