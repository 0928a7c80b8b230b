package dev.wasm2jar.bench;

import dev.wasm2jar.bench.kernel.Kernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checksums each trial compared: one line per trial, {@code kernel engine size native-bits engine-bits}, tab
 * separated, appended by the forks of a run and read back by the report.
 */
public final class Checksums {
    private Checksums() {}

    /** One trial's comparison. */
    public record Entry(Kernel kernel, Engine engine, long expected, long actual) {
        public boolean equal() {
            return expected == actual;
        }
    }

    static void append(String file, Kernel kernel, Engine engine, long expected, long actual) throws IOException {
        if (file == null) {
            return;
        }
        String line = kernel.id() + "\t" + engine.id() + "\t" + kernel.size() + "\t" + expected + "\t" + actual + "\n";
        Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The entries of a file, the last one per kernel and engine. */
    public static Map<Kernel, Map<Engine, Entry>> read(Path file) throws IOException {
        Map<Kernel, Map<Engine, Entry>> entries = new EnumMap<>(Kernel.class);
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                continue;
            }
            Entry e = new Entry(Kernel.of(f[0]), Engine.of(f[1]), Long.parseLong(f[3]), Long.parseLong(f[4]));
            entries.computeIfAbsent(e.kernel(), k -> new EnumMap<>(Engine.class)).put(e.engine(), e);
        }
        return entries;
    }

    /** A Markdown table: the native checksum, then "=" per engine that returned the same bits, else its value. */
    public static String table(Map<Kernel, Map<Engine, Entry>> entries) {
        List<Engine> engines = new ArrayList<>();
        for (Engine e : Engine.values()) {
            if (e != Engine.NATIVE && entries.values().stream().anyMatch(m -> m.containsKey(e))) {
                engines.add(e);
            }
        }
        StringBuilder s = new StringBuilder("| kernel | size | native checksum |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (Engine e : engines) {
            s.append(' ').append(e.id()).append(" |");
            rule.append(":---:|");
        }
        s.append('\n').append(rule).append('\n');
        for (var byKernel : entries.entrySet()) {
            Kernel k = byKernel.getKey();
            Entry any = byKernel.getValue().values().iterator().next();
            s.append("| ").append(k.id()).append(" | ").append(k.size()).append(" | ").append(k.format(any.expected()))
                    .append(" |");
            for (Engine e : engines) {
                Entry entry = byKernel.getValue().get(e);
                s.append(' ').append(entry == null ? "not run" : entry.equal() ? "=" : "**" + k.format(entry.actual())
                        + "**").append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }
}
