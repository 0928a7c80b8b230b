package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import run.endive.wasm.types.CodeSection;

/**
 * The function bodies of a module too large to hold decoded at once. Endive's decoded form takes about 28 times the
 * bytes of the code (48 bytes per instruction and its operands), 2 GB for clang's 75 MB; so the bodies are cut into
 * windows of {@link #WINDOW_BYTES}, each decoded and validated by Endive as a module of its own when a body in it
 * is first asked for ({@link Sections#window}: the same functions, types and tables, the other bodies stubs), and only
 * the few windows in use are kept. The compiler asks for bodies in order from a few threads, so each window is decoded
 * about once.
 */
final class BodyWindows {
    /** Bodies per window: 4 MiB of code decodes to about 120 MB. */
    static final int WINDOW_BYTES = 4 << 20;

    private final Sections sections;
    private final Set<Feature> features;
    private final FeatureCheck check;
    private final IntFunction<String> names;
    /** The module's relaxed SIMD instructions, whose stand-ins the windows' bytes hold; or null. */
    private final RelaxedSimd.StandIns relaxed;
    /** The first body of each window, then the number of bodies. */
    private final int[] firsts;
    /** The windows decoded last, most recently used last; as many as threads ask at once, and one more. */
    private final Map<Integer, Window> recent;

    BodyWindows(Sections sections, Set<Feature> features, FeatureCheck check, int windowBytes,
            IntFunction<String> names, RelaxedSimd.StandIns relaxed) {
        this.sections = sections;
        this.relaxed = relaxed;
        this.features = features;
        this.check = check;
        this.names = names;
        int[][] bodies = sections.bodies;
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < bodies.length; i++) {
            int size = bodies[i][1] - bodies[i][0];
            if (i == 0 || bytes + size > windowBytes) {
                starts.add(i);
                bytes = 0;
            }
            bytes += size;
        }
        starts.add(bodies.length);
        this.firsts = starts.stream().mapToInt(Integer::intValue).toArray();
        int keep = Runtime.getRuntime().availableProcessors() + 1;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Window> eldest) {
                return size() > keep;
            }
        };
    }

    /** Whether the module's bodies take more than one window. */
    static boolean needed(Sections sections, int windowBytes) {
        return sections.codeStart >= 0 && sections.codeEnd - sections.codeStart > windowBytes;
    }

    /** The body of defined function {@code defined}. */
    FunctionBody body(int defined) {
        int w = java.util.Arrays.binarySearch(firsts, defined);
        return window(w >= 0 ? w : -w - 2).body(defined);
    }

    private synchronized Window window(int w) {
        return recent.computeIfAbsent(w, k -> new Window(firsts[k], firsts[k + 1]));
    }

    /** Bodies [from, to), decoded by the first thread that asks. */
    private final class Window {
        private final int from;
        private final int to;
        private CodeSection code;
        /** Where each body starts in the window's bytes. */
        private int[] starts;

        Window(int from, int to) {
            this.from = from;
            this.to = to;
        }

        FunctionBody body(int defined) {
            CodeSection decoded = decoded();
            int shift = sections.bodies[defined][0] - starts[defined - from];
            return EndiveDecoder.body(decoded.getFunctionBody(defined), sections.importedFunctions + defined, shift,
                    sections.wasm, check, relaxed);
        }

        private synchronized CodeSection decoded() {
            if (code == null) {
                int[] at = new int[to - from];
                byte[] bytes = sections.window(from, to, at);
                try {
                    code = EndiveDecoder.parse(bytes, check).codeSection();
                } catch (MalformedException | InvalidException e) {
                    throw ErrorLocator.withLocation(e, located(bytes, at));
                }
                starts = at;
            }
            return code;
        }

        /** Where in the module the window's error is, from where in the window it is. */
        private ErrorLocator.Location located(byte[] bytes, int[] at) {
            ErrorLocator.Location where = ErrorLocator.locateOrNull(bytes, features);
            if (where == null) {
                return null;
            }
            int k = where.function() - sections.importedFunctions - from;
            if (k < 0 || k >= at.length) {
                return null;
            }
            int offset = where.offset() - at[k] + sections.bodies[from + k][0];
            return new ErrorLocator.Location(where.function(), names.apply(where.function()), offset);
        }
    }
}
