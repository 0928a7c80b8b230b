;; Bulk memory: memory.fill, memory.copy and memory.init with a passive segment from the Linkage; data.drop.
;; run: copy 4 -> 1819043176
;; run: copy 65533 -> trap
(module
  (memory 1)
  (data $hello "hello, world")
  (func (export "copy") (param $dst i32) (result i32)
    (memory.fill (i32.const 0) (i32.const 0x2a) (i32.const 64))
    (memory.init $hello (local.get $dst) (i32.const 0) (i32.const 12))
    (memory.copy (i32.const 100) (local.get $dst) (i32.const 12))
    (data.drop $hello)
    (i32.load (i32.const 100))))
