// The image goal's image of the HTTP echo guest starts, listens on 8080 inside and echoes what curl posts: with
// podman where this machine runs it, else unpacked and run with the java the image names (ImageRun says which).
import dev.wasm2jar.maven.it.ImageRun

def log = new File(basedir, 'build.log').text
assert log.contains('wasm2jar: wrote the runnable jar')
assert log.contains('wasm2jar: built the image localhost/wasm2jar-it/http-echo:1.0')
def work = new File(basedir, 'target/image-run')
work.mkdirs()
def answer = ImageRun.curl(new File(basedir, 'target/wasi-service-image.tar').toPath(), '/echo',
        'hello from curl', work.toPath())
println "wasi-service: the image answered (${answer.how()}): ${answer.body().trim()}"
new File(work, 'how.txt').text = answer.how()
assert answer.body() == 'hello from curl'
