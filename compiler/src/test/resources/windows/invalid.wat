;; Six valid functions, then $bad, whose i32.add finds an i64, then two more: BodyWindowsTest decodes it through small
;; windows and expects the error the whole module gives, at the same function and offset.
(module
  (func $f0 (result i32) (i32.const 0))
  (func $f1 (result i32) (i32.const 1))
  (func $f2 (result i32) (i32.add (call $f0) (call $f1)))
  (func $f3 (result i32) (i32.add (call $f2) (call $f1)))
  (func $f4 (result i32) (i32.add (call $f3) (call $f1)))
  (func $f5 (result i32) (i32.add (call $f4) (call $f1)))
  (func $bad (param i32) (result i32) (i32.add (local.get 0) (i64.const 1)))
  (func $f7 (result i32) (call $bad (call $f5)))
  (func $f8 (result i32) (call $f7)))
