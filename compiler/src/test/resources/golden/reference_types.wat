;; Reference types: tables of funcref and externref through TableOps, ref.func from the Linkage, passive element
;; segments with table.init and elem.drop.
;; run: grow 3 -> 5
;; run: funcs 1 -> 42
(module
  (table $refs 2 externref)
  (table $funcs 4 funcref)
  (elem $later func $answer $answer)
  (func $answer (result i32) (i32.const 42))
  (func (export "grow") (param $n i32) (result i32)
    (drop (table.grow $refs (ref.null extern) (local.get $n)))
    (table.fill $refs (i32.const 0) (ref.null extern) (i32.const 2))
    (table.size $refs))
  (func (export "keep") (param $x externref) (result i32)
    (table.set $refs (i32.const 1) (local.get $x))
    (ref.is_null (table.get $refs (i32.const 1))))
  (func (export "funcs") (param $i i32) (result i32)
    (table.init $funcs $later (i32.const 0) (i32.const 0) (i32.const 2))
    (elem.drop $later)
    (table.set $funcs (i32.const 2) (ref.func $answer))
    (table.copy $funcs $funcs (i32.const 3) (i32.const 2) (i32.const 1))
    (call_indirect $funcs (result i32) (local.get $i))))
