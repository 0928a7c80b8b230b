;; The cost of a wasm throw and catch in compiled code (benchmarks/exceptions/run.sh). Written in exception
;; handling's legacy form, which wabt's wat2wasm reads and wasm2jar rewrites into try_table.
(module
  (tag $e (param i32))
  ;; The callees: one always throws e(x), one always returns.
  (func $throws (param i32) (throw $e (local.get 0)))
  (func $returns (param i32))

  ;; n times: call a function that throws, inside a try that catches and adds what it carries.
  (func (export "throwing") (param $n i32) (result i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (try (do (call $throws (local.get $n)))
          (catch $e (local.set $sum (i32.add (local.get $sum)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; The same loop whose callee returns: what the loop costs without the throw.
  (func (export "returning") (param $n i32) (result i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (try (do (call $returns (local.get $n)) (local.set $sum (i32.add (local.get $sum) (local.get $n))))
          (catch $e (local.set $sum (i32.add (local.get $sum)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum))
)
