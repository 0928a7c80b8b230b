;; preview0: a command on the old module name wasi_unstable, checking the layouts that differ from preview 1:
;; whence (cur=0, end=1, set=2), filestat (nlink u32 at 20, size at 24), subscription (56 bytes, clock id at 24).
;; Run with the directory to write in preopened as fd 3. Prints "preview0 ok", or "FAIL" and exits with the check.
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_unstable" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
  (import "wasi_unstable" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "p0.txt")                 ;; path, 6 bytes
  (data (i32.const 32) "hello")                  ;; 5 bytes
  (data (i32.const 48) "preview0 ok\n")          ;; 12 bytes
  (data (i32.const 64) "FAIL\n")                 ;; 5 bytes
  (global $fd (mut i32) (i32.const 0))

  (func $print (param $at i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $at))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; fails check $n unless $ok
  (func $check (param $ok i32) (param $n i32)
    (if (i32.eqz (local.get $ok))
      (then (call $print (i32.const 64) (i32.const 5)) (call $proc_exit (local.get $n)))))

  (func $seek (param $delta i64) (param $whence i32) (result i64)
    (call $check (i32.eqz (call $fd_seek (global.get $fd) (local.get $delta) (local.get $whence) (i32.const 96)))
      (i32.const 90))
    (i64.load (i32.const 96)))

  (func (export "_start")
    ;; path_open(3, 0, "p0.txt", CREAT|TRUNC, READ|WRITE|SEEK|TELL|FILESTAT_GET, 0, 0, &fd)
    (call $check (i32.eqz (call $path_open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 6)
      (i32.const 9) (i64.const 0x200066) (i64.const 0) (i32.const 0) (i32.const 80))) (i32.const 1))
    (global.set $fd (i32.load (i32.const 80)))
    ;; write "hello"
    (i32.store (i32.const 0) (i32.const 32))
    (i32.store (i32.const 4) (i32.const 5))
    (call $check (i32.eqz (call $fd_write (global.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))) (i32.const 2))
    (call $check (i32.eq (i32.load (i32.const 8)) (i32.const 5)) (i32.const 3))
    ;; whence end = 1: -2 from the end is 3
    (call $check (i64.eq (call $seek (i64.const -2) (i32.const 1)) (i64.const 3)) (i32.const 4))
    ;; whence cur = 0: still 3
    (call $check (i64.eq (call $seek (i64.const 0) (i32.const 0)) (i64.const 3)) (i32.const 5))
    ;; whence set = 2: 1
    (call $check (i64.eq (call $seek (i64.const 1) (i32.const 2)) (i64.const 1)) (i32.const 6))
    ;; filestat of 56 bytes at 128: filetype 4 at 16, nlink u32 1 at 20, size 5 at 24; the byte after stays
    (i32.store8 (i32.const 184) (i32.const 0x7f))
    (call $check (i32.eqz (call $fd_filestat_get (global.get $fd) (i32.const 128))) (i32.const 7))
    (call $check (i32.eq (i32.load8_u (i32.const 144)) (i32.const 4)) (i32.const 8))
    (call $check (i32.eq (i32.load (i32.const 148)) (i32.const 1)) (i32.const 9))
    (call $check (i64.eq (i64.load (i32.const 152)) (i64.const 5)) (i32.const 10))
    (call $check (i32.eq (i32.load8_u (i32.const 184)) (i32.const 0x7f)) (i32.const 11))
    (drop (call $fd_close (global.get $fd)))
    (drop (call $unlink (i32.const 3) (i32.const 16) (i32.const 6)))
    ;; one clock subscription of 56 bytes at 256: userdata 42, tag 0, identifier 7, id 1 (monotonic), 1 ms
    (i64.store (i32.const 256) (i64.const 42))
    (i32.store8 (i32.const 264) (i32.const 0))
    (i64.store (i32.const 272) (i64.const 7))
    (i32.store (i32.const 280) (i32.const 1))
    (i64.store (i32.const 288) (i64.const 1000000))
    (i64.store (i32.const 296) (i64.const 0))
    (i32.store16 (i32.const 304) (i32.const 0))
    (call $check (i32.eqz (call $poll_oneoff (i32.const 256) (i32.const 320) (i32.const 1) (i32.const 360)))
      (i32.const 12))
    (call $check (i32.eq (i32.load (i32.const 360)) (i32.const 1)) (i32.const 13))
    (call $check (i64.eq (i64.load (i32.const 320)) (i64.const 42)) (i32.const 14))
    (call $check (i32.eq (i32.load16_u (i32.const 328)) (i32.const 0)) (i32.const 15))
    (call $check (i32.eq (i32.load8_u (i32.const 330)) (i32.const 0)) (i32.const 16))
    (call $print (i32.const 48) (i32.const 12))))
