package dev.wasm2jar.maven.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Java identifiers for wasm names, which may be any UTF-8 string: {@code fib}, {@code my_func}, {@code _start},
 * {@code HTTP-get}. Words become camel case ({@code myFunc}, {@code start}, {@code httpGet}); keywords and the
 * facade's own members get a trailing underscore; a name taken twice gets a number.
 */
public final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "when", "_");

    private final Set<String> reserved;
    private final Set<String> taken = new HashSet<>();

    /** A pool of names in which {@code reserved} (the facade's own members) get an underscore. */
    public JavaNames(Set<String> reserved) {
        this.reserved = Set.copyOf(reserved);
    }

    /** A fresh identifier for {@code wasmName}, starting lower case. */
    public String member(String wasmName) {
        String base = camel(wasmName, false);
        if (KEYWORDS.contains(base) || reserved.contains(base)) {
            base += "_";
        }
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + n;
        }
        return name;
    }

    /** A class name for a file's base name: {@code my-lib} becomes {@code MyLib}. */
    public static String type(String wasmName) {
        return camel(wasmName, true);
    }

    /** Words are runs of ASCII letters and digits; an all-capitals word reads as a word ({@code HTTP} as Http). */
    private static String camel(String wasmName, boolean upperFirst) {
        StringBuilder out = new StringBuilder();
        for (String word : wasmName.split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals(word.toUpperCase(Locale.ROOT))) {
                word = word.toLowerCase(Locale.ROOT);
            }
            boolean first = out.length() == 0;
            char c = word.charAt(0);
            out.append(first && !upperFirst ? Character.toLowerCase(c) : Character.toUpperCase(c));
            out.append(word, 1, word.length());
        }
        if (out.length() == 0) {
            return upperFirst ? "Wasm" : "export";
        }
        if (Character.isDigit(out.charAt(0))) {
            out.insert(0, upperFirst ? 'W' : 'w');
        }
        return out.toString();
    }
}
