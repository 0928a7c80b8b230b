;; Globals: a private mutable global is a primitive field; an exported one is a shared Global object.
;; run: bump 5 -> 105
(module
  (global $counter (mut i32) (i32.const 100))
  (global $total (export "total") (mut i64) (i64.const 0))
  (global $scale f64 (f64.const 0.5))
  (func (export "bump") (param $n i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (local.get $n)))
    (global.set $total (i64.add (global.get $total) (i64.extend_i32_s (local.get $n))))
    (global.get $counter))
  (func (export "scaled") (result f64)
    (f64.mul (global.get $scale) (f64.convert_i64_s (global.get $total)))))
