def log = new File(basedir, 'build.log').text
assert log.contains('wasm2jar: src/main/wasm/broken.wasm: invalid module: function 2 (bad) at offset 0x2d: type mismatch: instruction requires [i32] but stack has [i64]')
assert !log.contains('\tat dev.wasm2jar') // no stack trace
