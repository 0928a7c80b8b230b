;; WasmEdge's V2 socket calls imported under their plain names, which bind to V2 by their type: sock_accept with
;; fdflags, sock_recv_from with a port, sock_getlocaladdr and sock_getpeeraddr with a 128-byte address storage.
;; `run` binds a UDP socket to 127.0.0.1 (port 0), sends itself a datagram and receives it, and returns the
;; sender's port from sock_recv_from if it equals the socket's own from sock_getlocaladdr, else -1; `accept`
;; accepts on a listener with nothing to accept (non-blocking) and returns the errno, `again`.
(module
  (import "wasi_snapshot_preview1" "sock_open" (func $open (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_bind" (func $bind (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_listen" (func $listen (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_send_to"
    (func $send_to (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_recv_from"
    (func $recv_from (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_getlocaladdr" (func $local (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_getpeeraddr" (func $peer (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_flags" (func $set_flags (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: fd | 8: address {16, 4} | 16: 127.0.0.1 | 24: storage address {128, 128} | 32: iovec {64, 8}
  ;; 40: length out | 44: flags out | 48: port out | 52: local port out | 64: data | 128: storage
  (data (i32.const 8) "\10\00\00\00\04\00\00\00\7f\00\00\01")
  (data (i32.const 24) "\80\00\00\00\80\00\00\00\40\00\00\00\08\00\00\00")
  (data (i32.const 64) "datagram")
  (func (export "run") (result i32)
    (local $fd i32)
    (if (call $open (i32.const 1) (i32.const 1) (i32.const 0)) (then (return (i32.const -2))))
    (local.set $fd (i32.load (i32.const 0)))
    (if (call $bind (local.get $fd) (i32.const 8) (i32.const 0)) (then (return (i32.const -3))))
    (if (call $local (local.get $fd) (i32.const 24) (i32.const 52)) (then (return (i32.const -4))))
    ;; the storage says family 1 (IPv4) and 127.0.0.1
    (if (i32.ne (i32.load16_u (i32.const 128)) (i32.const 1)) (then (return (i32.const -5))))
    (if (i32.ne (i32.load (i32.const 130)) (i32.const 0x0100007f)) (then (return (i32.const -6))))
    (if (call $send_to (local.get $fd) (i32.const 32) (i32.const 1) (i32.const 8) (i32.load (i32.const 52))
          (i32.const 0) (i32.const 40))
      (then (return (i32.const -7))))
    (i32.store (i32.const 128) (i32.const 0))
    (if (call $recv_from (local.get $fd) (i32.const 32) (i32.const 1) (i32.const 24) (i32.const 0)
          (i32.const 48) (i32.const 40) (i32.const 44))
      (then (return (i32.const -8))))
    (if (i32.ne (i32.load16_u (i32.const 128)) (i32.const 1)) (then (return (i32.const -9))))
    ;; no peer: a UDP socket that is not connected
    (if (i32.ne (call $peer (local.get $fd) (i32.const 24) (i32.const 52)) (i32.const 53))
      (then (return (i32.const -10))))
    (if (result i32) (i32.eq (i32.load16_u (i32.const 48)) (i32.load (i32.const 52)))
      (then (i32.load (i32.const 52))) (else (i32.const -1))))
  (func (export "accept") (result i32)
    (local $fd i32)
    (drop (call $open (i32.const 1) (i32.const 2) (i32.const 0)))
    (local.set $fd (i32.load (i32.const 0)))
    (drop (call $bind (local.get $fd) (i32.const 8) (i32.const 0)))
    (drop (call $listen (local.get $fd) (i32.const 4)))
    (drop (call $set_flags (local.get $fd) (i32.const 4)))
    (call $accept (local.get $fd) (i32.const 4) (i32.const 0)))
)
