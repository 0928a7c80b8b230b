;; The third function adds an i64 to an i32: the build must fail naming function 2 ($bad) and the add at 0x2d.
;; Built by maven-plugin/src/it/build-wasm with wat2wasm --no-check --debug-names.
(module (func (result i32) i32.const 11) (func (result i32) i32.const 12) (func $bad (param i32) (result i32) local.get 0 i64.const 1 i32.add))
