package dev.wasm2jar.compiler;

import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Jar entries stored rather than deflated, as wasm2jar writes its jars: a class loader then reads a class's bytes
 * instead of inflating them (RATIONALE.md, "Start-up"), at about twice the jar's size.
 */
public final class StoredEntries {
    private StoredEntries() {}

    /** An entry for {@code bytes} under {@code name}, stored: its size and CRC set, as a stored entry needs them. */
    public static JarEntry of(String name, byte[] bytes) {
        JarEntry entry = new JarEntry(name);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setMethod(JarEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        return entry;
    }
}
