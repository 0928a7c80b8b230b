package dev.wasm2jar.wasi.internal;

import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.abi.TailCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wasm call stack of a trap, from the JVM stack trace of its exception: frames of generated classes are wasm
 * functions, named from the module's name section ({@link ModuleShape#functionNames()}), Rust's manglings undone
 * ({@link RustNames}). Host frames are left out.
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
                // A function that makes tail calls is named by its entry; its frames are its body's, one per call.
                String method = shape.functionMethods()[d];
                if (method.endsWith(TailCalls.ENTRY_SUFFIX)) {
                    method = method.substring(0, method.length() - TailCalls.ENTRY_SUFFIX.length());
                }
                byMethod.put(cls + "#" + method, new Function(label, index, shape.functionNames()[index]));
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
                    String name = f.name() == null ? "<unnamed>" : RustNames.demangle(f.name());
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
}
