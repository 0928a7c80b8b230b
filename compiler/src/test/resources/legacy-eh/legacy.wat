;; Exception handling's legacy form (try, catch, catch_all, rethrow, delegate), which wasm2jar rewrites into
;; try_table before decoding (LegacyExceptionsTest). The spec's legacy scripts have no rethrow or delegate.
;; Built with: wat2wasm --enable-exceptions legacy.wat -o legacy.wasm
(module
  (tag $e (export "e") (param i32))
  (func $throw (param i32) (throw $e (local.get 0)))
  (func $throw-if (param i32) (if (local.get 0) (then (throw $e (local.get 0)))))

  ;; A handler rethrows what it caught to the try around: 100 + x.
  (func (export "rethrow") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw (local.get 0)) (i32.const 0))
          (catch $e (drop) (rethrow 0))))
      (catch $e (i32.const 100) (i32.add))))

  ;; The same from a block inside a catch_all: 200 + x.
  (func (export "rethrow-deep") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw (local.get 0)) (i32.const 0))
          (catch_all (block (rethrow 1)) (i32.const -1))))
      (catch $e (i32.const 200) (i32.add))))

  ;; A delegate to the outer try skips the catch of the try between: 300 + x.
  (func (export "delegate") (param i32) (result i32)
    (try $outer (result i32)
      (do
        (try (result i32)
          (do
            (try (result i32)
              (do (call $throw (local.get 0)) (i32.const 0))
              (delegate $outer)))
          (catch $e (i32.const 1000) (i32.add))))
      (catch $e (i32.const 300) (i32.add))))

  ;; A delegate to the function's label skips every handler in it: the exception reaches the caller.
  (func (export "delegate-out") (param i32) (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw (local.get 0)) (i32.const 0))
          (delegate 1)))
      (catch_all (i32.const -1))))

  ;; A try that takes a parameter: 400 + x; without a throw, 7.
  (func (export "params") (param i32) (result i32)
    (local.get 0)
    (try (param i32) (result i32)
      (do (call $throw-if) (i32.const 7))
      (catch $e (i32.const 400) (i32.add))))
)
