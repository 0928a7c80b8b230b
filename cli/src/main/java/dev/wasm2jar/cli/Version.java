package dev.wasm2jar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven built, from the filtered resource {@code version.properties}. */
final class Version {
    private Version() {}

    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
