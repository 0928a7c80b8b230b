;; Grows its memory one page at a time, as an allocator that asks for a page whenever it runs out does, and writes
;; into each new page. `grow N` makes N one-page grows and returns the size in pages; the README's whole-process
;; figure for memory.grow runs it with hyperfine (issue 17: each grow used to copy the whole memory).
(module
  (memory (export "memory") 1)
  (func (export "grow") (param $n i32) (result i32)
    (local $old i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $old (memory.grow (i32.const 1)))
        (br_if $done (i32.eq (local.get $old) (i32.const -1)))
        ;; The first and last byte of the new page.
        (i32.store8 (i32.shl (local.get $old) (i32.const 16)) (i32.const 1))
        (i32.store8 (i32.sub (i32.shl (i32.add (local.get $old) (i32.const 1)) (i32.const 16)) (i32.const 1))
          (i32.const 1))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (memory.size))
)
