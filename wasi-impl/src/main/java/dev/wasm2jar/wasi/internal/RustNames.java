package dev.wasm2jar.wasi.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Rust's symbol manglings as readable paths, for backtraces: the legacy one
 * ({@code _ZN4core9panicking5panic17h0123456789abcdefE} is {@code core::panicking::panic}) and the common part of
 * v0 ({@code _RNvNtCs1234_3std7process5abort} is {@code std::process::abort}; closures are {@code {closure#N}},
 * generic arguments {@code ::<..>}). Anything else, or anything not understood, stays as it is.
 */
final class RustNames {
    private RustNames() {}

    static String demangle(String name) {
        try {
            if (name.startsWith("_ZN") && name.endsWith("E")) {
                return legacy(name);
            }
            if (name.startsWith("_R")) {
                return new V0(name).symbol();
            }
        } catch (RuntimeException e) {
            // not a mangling we understand
        }
        return name;
    }

    private static String legacy(String name) {
        List<String> parts = new ArrayList<>();
        int i = 3;
        while (i < name.length() - 1) {
            int start = i;
            while (Character.isDigit(name.charAt(i))) {
                i++;
            }
            int length = Integer.parseInt(name.substring(start, i));
            parts.add(name.substring(i, i + length));
            i += length;
        }
        if (parts.size() > 1 && parts.get(parts.size() - 1).matches("h[0-9a-f]{16}")) {
            parts.remove(parts.size() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            out.add(unescape(p.startsWith("_$") ? p.substring(1) : p));
        }
        return String.join("::", out);
    }

    private static String unescape(String s) {
        String[][] escapes = {{"$SP$", "@"}, {"$BP$", "*"}, {"$RF$", "&"}, {"$LT$", "<"}, {"$GT$", ">"},
            {"$LP$", "("}, {"$RP$", ")"}, {"$C$", ","}, {"$u20$", " "}, {"$u27$", "'"}, {"$u5b$", "["},
            {"$u5d$", "]"}, {"$u7b$", "{"}, {"$u7d$", "}"}, {"$u7e$", "~"}, {"$u3b$", ";"}, {"$u2b$", "+"},
            {"$u22$", "\""}, {"..", "::"}};
        String out = s;
        for (String[] e : escapes) {
            out = out.replace(e[0], e[1]);
        }
        return out;
    }

    /** A v0 symbol: paths made of crate roots, nested names, back references and (skipped) generic arguments. */
    private static final class V0 {
        private final String s;
        private int at = 2;
        private int depth;

        V0(String s) {
            this.s = s;
        }

        String symbol() {
            if (Character.isDigit(s.charAt(at))) {
                decimal(); // encoding version
            }
            return path(true);
        }

        private String path(boolean top) {
            if (++depth > 64) {
                throw new IllegalArgumentException("too deep");
            }
            try {
                char c = s.charAt(at++);
                switch (c) {
                    case 'C' -> {
                        return identifier()[1];
                    }
                    case 'N' -> {
                        char namespace = s.charAt(at++);
                        String parent = path(false);
                        String[] id = identifier();
                        if (Character.isUpperCase(namespace)) {
                            String kind = namespace == 'C' ? "closure" : namespace == 'S' ? "shim" : "" + namespace;
                            return parent + "::{" + kind + (id[1].isEmpty() ? "" : ":" + id[1]) + "#" + id[0] + "}";
                        }
                        return id[1].isEmpty() ? parent : parent + "::" + id[1];
                    }
                    case 'B' -> {
                        int target = Math.toIntExact(base62()) + 2;
                        int saved = at;
                        at = target;
                        String p = path(top);
                        at = saved;
                        return p;
                    }
                    case 'I' -> {
                        if (!top) {
                            throw new IllegalArgumentException("generic arguments inside a path");
                        }
                        return path(false) + "::<..>";
                    }
                    default -> throw new IllegalArgumentException("unsupported " + c);
                }
            } finally {
                depth--;
            }
        }

        /** {disambiguator, name}. */
        private String[] identifier() {
            long disambiguator = 0;
            if (s.charAt(at) == 's') {
                at++;
                disambiguator = base62() + 1;
            }
            if (s.charAt(at) == 'u') {
                throw new IllegalArgumentException("punycode");
            }
            int length = decimal();
            if (s.charAt(at) == '_') {
                at++;
            }
            String name = s.substring(at, at + length);
            at += length;
            return new String[] {Long.toUnsignedString(disambiguator), name};
        }

        private int decimal() {
            int start = at;
            while (Character.isDigit(s.charAt(at))) {
                at++;
            }
            return Integer.parseInt(s.substring(start, at));
        }

        /** A base-62 number ending in '_': "_" is 0, "0_" is 1. */
        private long base62() {
            if (s.charAt(at) == '_') {
                at++;
                return 0;
            }
            long value = 0;
            while (s.charAt(at) != '_') {
                char c = s.charAt(at++);
                int digit = c <= '9' ? c - '0' : c <= 'Z' ? c - 'A' + 36 : c - 'a' + 10;
                value = value * 62 + digit;
            }
            at++;
            return value + 1;
        }
    }
}
