package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server guest running on a thread of its own: started with {@link #start}, it prints
 * {@code listening on HOST:PORT}, which {@link #port} waits for; {@link #await} waits for it to end.
 */
final class GuestServer {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");

    private final Output out = new Output();
    private final CompletableFuture<Guests.Run> run = new CompletableFuture<>();

    private GuestServer(String name, UnaryOperator<WasiConfig> setup, String... args) {
        Thread thread = new Thread(null, () -> {
            try {
                Guests.Run r = Guests.run(name, c -> setup.apply(c).withStdout(out), args);
                run.complete(new Guests.Run(r.exit(), out.text(), r.err()));
            } catch (Throwable e) {
                run.completeExceptionally(e);
            }
        }, "guest " + name, 64L << 20);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs guest {@code name} with {@code args}, its standard output watched. */
    static GuestServer start(String name, UnaryOperator<WasiConfig> setup, String... args) {
        return new GuestServer(name, setup, args);
    }

    /** The port the guest listens on, once it says so (within 60 s: compiling a guest takes a few). */
    int port() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(out.text());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (run.isDone()) {
                fail("the guest ended before it listened: " + run.get());
            }
            synchronized (out) {
                out.wait(100);
            }
        }
        throw new AssertionError("the guest did not listen within 60 s; it printed: " + out.text());
    }

    /** Waits (at most 60 s) for the guest to end. */
    Guests.Run await() throws Exception {
        return run.get(60, TimeUnit.SECONDS);
    }

    /** Standard output, readable while it is written. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
