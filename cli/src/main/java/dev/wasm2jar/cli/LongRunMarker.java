package dev.wasm2jar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Tells bin/wasm2jar that a module ran long, so that its later runs get a JVM start-up cache of their own, recorded on
 * that module (its classes and, from JDK 25, its methods' profiles: a compute-heavy guest 8 % less CPU), instead of
 * the cache the command shares, recorded on whichever small module ran first. bin/wasm2jar names the file in the
 * system property {@value #PROPERTY} (for modules under 1 MB, which otherwise share it), and a run of at least
 * {@link #LONG} creates it. RATIONALE.md, "Start-up".
 */
final class LongRunMarker {
    static final String PROPERTY = "wasm2jar.longRunMarker";

    /** A run this long is worth a cache of its own: making one costs a few seconds of CPU, once. */
    static final Duration LONG = Duration.ofSeconds(1);

    private LongRunMarker() {}

    /** Creates the file bin/wasm2jar named, when a run that started at {@code startNanos} was long. */
    static void markIfLong(long startNanos) {
        String marker = System.getProperty(PROPERTY);
        if (marker != null && !marker.isEmpty()) {
            mark(Path.of(marker), System.nanoTime() - startNanos, LONG);
        }
    }

    /** Creates {@code marker} when {@code elapsedNanos} is at least {@code threshold}; a failure is not the run's. */
    static void mark(Path marker, long elapsedNanos, Duration threshold) {
        if (elapsedNanos >= threshold.toNanos() && !Files.exists(marker)) {
            try {
                Files.createFile(marker);
            } catch (IOException e) {
                // Another run made it first, or the cache directory went: the cache just stays shared.
            }
        }
    }
}
