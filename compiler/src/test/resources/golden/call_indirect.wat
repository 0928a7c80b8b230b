;; Direct calls are invokestatic of the callee with the instance last; call_indirect goes through a per-type stub
;; that checks the table element's type.
;; run: apply 0 5 -> 10
;; run: apply 1 5 -> 25
;; run: apply 2 5 -> trap
(module
  (type $unary (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $double $square)
  (func $double (type $unary) (i32.add (local.get 0) (local.get 0)))
  (func $square (type $unary) (i32.mul (local.get 0) (local.get 0)))
  (func (export "apply") (param $f i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $f)))
  (func (export "twice") (param $x i32) (result i32)
    (call $double (call $double (local.get $x)))))
