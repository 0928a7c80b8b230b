;; nn-preload: a command that loads the model preloaded as "small" (--nn-preload small:...) with wasi-nn's
;; load_by_name and exits with its error code: 0 when it loaded, 8 (not_found) when nothing was preloaded as that,
;; 5 (runtime_error) when TensorFlow Lite is not there. cli's NnRunTest runs it.
(module
  (import "wasi_ephemeral_nn" "load_by_name" (func $load_by_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "small")
  (func (export "_start")
    (call $proc_exit (call $load_by_name (i32.const 16) (i32.const 5) (i32.const 0)))))
