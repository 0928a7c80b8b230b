package dev.wasm2jar.wasi.internal.fn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The bytes of random_get: the kernel's generator, {@code /dev/urandom}, where there is one, else a
 * {@link SecureRandom}. Reading the device costs nothing to set up, while the first SecureRandom of a JVM initializes
 * the security providers: about 40 ms of CPU, which a program that asks for a few random bytes at start-up (QuickJS
 * seeds its hashes) would pay on every run.
 */
final class RandomSource implements AutoCloseable {
    private static final Path DEVICE = Path.of("/dev/urandom");

    private FileChannel device;
    private SecureRandom fallback;
    private boolean opened;

    /** Fills {@code out} with random bytes. */
    void nextBytes(byte[] out) {
        FileChannel d = device();
        if (d != null) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(out);
                while (buffer.hasRemaining()) {
                    if (d.read(buffer) < 0) {
                        throw new IOException("end of " + DEVICE);
                    }
                }
                return;
            } catch (IOException e) {
                closeDevice();
            }
        }
        if (fallback == null) {
            fallback = new SecureRandom();
        }
        fallback.nextBytes(out);
    }

    private FileChannel device() {
        if (!opened) {
            opened = true;
            try {
                device = FileChannel.open(DEVICE, StandardOpenOption.READ);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                device = null;
            }
        }
        return device;
    }

    private void closeDevice() {
        try {
            device.close();
        } catch (IOException e) {
            // nothing to do: the fallback takes over
        }
        device = null;
    }

    @Override
    public void close() {
        if (device != null) {
            closeDevice();
        }
    }
}
