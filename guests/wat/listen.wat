;; A WASI command that opens a TCP socket with WasmEdge's calls, binds it to 127.0.0.1 (port 0: any) and listens;
;; it exits with the errno of the first call that fails, or 0. For the network flags of `wasm2jar run`.
(module
  (import "wasi_snapshot_preview1" "sock_open" (func $open (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_bind" (func $bind (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_listen" (func $listen (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ;; 0: fd | 8: address {16, 4} | 16: 127.0.0.1
  (data (i32.const 8) "\10\00\00\00\04\00\00\00\7f\00\00\01")
  (func (export "_start")
    (local $errno i32)
    (local.set $errno (call $open (i32.const 1) (i32.const 2) (i32.const 0)))
    (if (local.get $errno) (then (call $exit (local.get $errno))))
    (local.set $errno (call $bind (i32.load (i32.const 0)) (i32.const 8) (i32.const 0)))
    (if (local.get $errno) (then (call $exit (local.get $errno))))
    (call $exit (call $listen (i32.load (i32.const 0)) (i32.const 16))))
)
