;; greeter-app: a command that needs greeter-lib as module "lib" (wasm2jar run --preload lib=greeter-lib.wasm):
;; calls lib.greet, then exits with lib.add(40, 2).
(module
  (import "lib" "greet" (func $greet))
  (import "lib" "add" (func $add (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $greet)
    (call $proc_exit (call $add (i32.const 40) (i32.const 2)))))
