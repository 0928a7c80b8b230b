// The first build compiled the module and ran the tests; the second found the module up to date.
def log = new File(basedir, 'build.log').text
assert log.count('wasm2jar: compiled src/main/wasm/textlib.wasm to wasm.Textlib') == 1
assert log.count('wasm2jar: src/main/wasm/textlib.wasm is up to date (wasm.Textlib)') == 1
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
