;; demo-host: a command that needs the test host module demo_host (cli's tests register it; see DemoHost.java). It
;; imports demo_host.strlen in both types the host offers it in, V1 (ptr, len) -> length and V2 (ptr, len, out) ->
;; error code, and exits with the length of "héllo" (5 characters in 6 bytes) when the two agree and V2 says 1 (not
;; UTF-8) for bytes that are not UTF-8; with 97 or 98 when they do not.
(module
  (import "demo_host" "strlen" (func $strlen_v1 (param i32 i32) (result i32)))
  (import "demo_host" "strlen" (func $strlen_v2 (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "h\c3\a9llo")
  (data (i32.const 32) "\ff\fe")
  (func (export "_start")
    (local $n i32)
    (local.set $n (call $strlen_v1 (i32.const 16) (i32.const 6)))
    (if (i32.or (call $strlen_v2 (i32.const 16) (i32.const 6) (i32.const 8))
                (i32.ne (i32.load (i32.const 8)) (local.get $n)))
      (then (call $proc_exit (i32.const 97))))
    (if (i32.ne (call $strlen_v2 (i32.const 32) (i32.const 2) (i32.const 8)) (i32.const 1))
      (then (call $proc_exit (i32.const 98))))
    (call $proc_exit (local.get $n))))
