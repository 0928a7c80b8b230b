package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file a long run leaves for bin/wasm2jar: made at the threshold, not below it, and never an error of the run. */
class LongRunMarkerTest {
    @TempDir
    Path dir;

    @Test
    void aRunAtTheThresholdLeavesTheFile() {
        Path marker = dir.resolve("run-module.long");
        LongRunMarker.mark(marker, Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(1));
        assertTrue(Files.isRegularFile(marker));
        LongRunMarker.mark(marker, Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(1)); // already there: kept
        assertTrue(Files.isRegularFile(marker));
    }

    @Test
    void aShorterRunLeavesNone() {
        Path marker = dir.resolve("run-module.long");
        LongRunMarker.mark(marker, Duration.ofMillis(999).toNanos(), Duration.ofSeconds(1));
        assertFalse(Files.exists(marker));
    }

    @Test
    void aCacheDirectoryThatWentIsNoError() {
        Path marker = dir.resolve("gone/run-module.long");
        LongRunMarker.mark(marker, Duration.ofSeconds(5).toNanos(), LongRunMarker.LONG);
        assertFalse(Files.exists(marker));
    }
}
