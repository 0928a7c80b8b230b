package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wasm call stack of a trap, from the JVM stack trace of its exception: frames of generated classes are wasm
 * functions, named from the module's name section ({@link ModuleShape#functionNames()}), Rust's legacy mangling
 * undone. Host frames are left out.
 */
public final class Backtrace {
    /** Frames printed at most; deep recursion would print thousands. */
    static final int MAX_FRAMES = 40;

    private record Function(String label, int index, String name) {}

    private final Map<String, Function> byMethod = new HashMap<>();

    /** @param modules the modules whose frames to name, with the label to show (null for none) */
    public Backtrace(Map<Module, String> modules) {
        modules.forEach((module, label) -> {
            ModuleShape shape = module.shape();
            int imported = shape.importedFunctionCount();
            for (int d = 0; d < shape.functionMethods().length; d++) {
                String cls = shape.functionClasses().get(shape.functionClass()[d]);
                int index = imported + d;
                byMethod.put(cls + "#" + shape.functionMethods()[d],
                        new Function(label, index, shape.functionNames()[index]));
            }
        });
    }

    /** The lines of the wasm call stack of {@code t} (innermost first), or none when it has no wasm frames. */
    public List<String> lines(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            List<String> lines = new ArrayList<>();
            int frames = 0;
            for (StackTraceElement e : c.getStackTrace()) {
                Function f = byMethod.get(e.getClassName() + "#" + e.getMethodName());
                if (f == null) {
                    continue;
                }
                if (frames < MAX_FRAMES) {
                    String name = f.name() == null ? "<unnamed>" : demangle(f.name());
                    lines.add(String.format("  %3d: %s%s (func %d)", frames,
                            f.label() == null ? "" : f.label() + "!", name, f.index()));
                }
                frames++;
            }
            if (frames > MAX_FRAMES) {
                lines.add("       ... " + (frames - MAX_FRAMES) + " more frames");
            }
            if (frames > 0) {
                return lines;
            }
        }
        return List.of();
    }

    /**
     * Rust's legacy symbol mangling ({@code _ZN4core9panicking5panic17h0123456789abcdefE}) as
     * {@code core::panicking::panic}; other names as they are.
     */
    static String demangle(String name) {
        if (!name.startsWith("_ZN") || !name.endsWith("E")) {
            return name;
        }
        List<String> parts = new ArrayList<>();
        int i = 3;
        while (i < name.length() - 1) {
            int start = i;
            while (i < name.length() && Character.isDigit(name.charAt(i))) {
                i++;
            }
            if (start == i) {
                return name;
            }
            int length = Integer.parseInt(name.substring(start, i));
            if (i + length > name.length() - 1) {
                return name;
            }
            parts.add(name.substring(i, i + length));
            i += length;
        }
        if (parts.size() > 1 && parts.get(parts.size() - 1).matches("h[0-9a-f]{16}")) {
            parts.remove(parts.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!sb.isEmpty()) {
                sb.append("::");
            }
            sb.append(unescape(p.startsWith("_$") ? p.substring(1) : p));
        }
        return sb.toString();
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
}
