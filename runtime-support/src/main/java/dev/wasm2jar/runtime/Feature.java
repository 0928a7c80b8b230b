package dev.wasm2jar.runtime;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The features of WebAssembly, by the names toolchains use for them ({@code wasm-tools --features}, wabt's
 * {@code --enable-*}). The compiler's options say which a module may use; wasm2jar compiles the ones that are
 * {@linkplain #supported() supported}, and a module that needs any other fails with an
 * {@link UnsupportedFeatureException} that names it.
 */
public enum Feature {
    MVP("mvp", "WebAssembly 1.0", true),
    SIGN_EXT("sign-ext", "the sign-extension instructions", true),
    SAT_CONVERSIONS("sat-conversions", "the non-trapping float-to-int conversions", true),
    MULTI_VALUE("multi-value", "multiple results", true),
    BULK_MEMORY("bulk-memory", "the bulk memory instructions", true),
    REFERENCE_TYPES("reference-types", "reference types", true),
    SIMD("simd", "fixed-width SIMD", true),
    EXTENDED_CONST("extended-const", "extended constant expressions", true),
    TAIL_CALL("tail-call", "tail calls", true),
    EXCEPTIONS("exceptions", "exception handling", true),
    FUNCTION_REFERENCES("function-references", "typed function references", true),
    GC("gc", "the GC proposal", true),
    MEMORY64("memory64", "64-bit memories and tables", true),
    MULTI_MEMORY("multi-memory", "multiple memories", true),
    RELAXED_SIMD("relaxed-simd", "relaxed SIMD", true),
    THREADS("threads", "threads and atomics", false);

    /** WebAssembly 2.0: 1.0 and the six proposals it merged. */
    public static final Set<Feature> WASM_2_0 = Collections.unmodifiableSet(EnumSet.range(MVP, SIMD));

    /**
     * WebAssembly 3.0, which adds extended-const, tail-call, exceptions, function-references, gc, memory64,
     * multi-memory and relaxed-simd to 2.0 (threads is a proposal of its own, outside it).
     */
    public static final Set<Feature> WASM_3_0 = Collections.unmodifiableSet(EnumSet.range(MVP, RELAXED_SIMD));

    /**
     * What the compiler enables unless told otherwise: what WasmEdge enables by default (since 0.16, the whole of
     * WebAssembly 3.0; threads stay off), less what wasm2jar does not compile yet. A module that needs one of those
     * is refused as {@linkplain UnsupportedFeatureException#unsupported unsupported}, naming it, either way.
     */
    public static final Set<Feature> DEFAULT = Collections.unmodifiableSet(supportedOf(WASM_3_0));

    private static EnumSet<Feature> supportedOf(Set<Feature> features) {
        EnumSet<Feature> out = EnumSet.noneOf(Feature.class);
        features.stream().filter(Feature::supported).forEach(out::add);
        return out;
    }

    private final String flag;
    private final String description;
    private final boolean supported;

    Feature(String flag, String description, boolean supported) {
        this.flag = flag;
        this.description = description;
        this.supported = supported;
    }

    /** The toolchains' name: {@code sign-ext}, {@code gc} ... */
    public String flag() {
        return flag;
    }

    /** What it is, in words: {@code the GC proposal}. */
    public String description() {
        return description;
    }

    /** Whether wasm2jar compiles modules that use it. */
    public boolean supported() {
        return supported;
    }

    /** The feature named {@code flag}, as {@link #flag()} spells it. */
    public static Feature ofFlag(String flag) {
        for (Feature f : values()) {
            if (f.flag.equals(flag.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Feature f : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(f.flag);
        }
        throw new IllegalArgumentException("no WebAssembly feature is called '" + flag + "' (known: " + known
                + ", and all, default, 2.0, 3.0)");
    }

    /**
     * The features a list names, as {@code --features} spells them: names separated by commas, each {@code +name}
     * (add it), {@code -name} (leave it out) or a plain name (the list then starts from mvp alone instead of
     * {@code base}); besides the flags, {@code all} (every feature, unsupported ones too), {@code default}
     * ({@link #DEFAULT}), {@code 2.0} and {@code 3.0}. {@code +tail-call,-simd} is {@code base} with tail calls and
     * without SIMD; {@code 2.0,+tail-call} is WebAssembly 2.0 and tail calls.
     *
     * @throws IllegalArgumentException for an unknown name, or a list that leaves out mvp
     */
    public static Set<Feature> parse(String list, Set<Feature> base) {
        String[] items = list.split(",", -1);
        boolean fromScratch = false;
        for (String item : items) {
            String name = item.strip();
            fromScratch |= !name.startsWith("+") && !name.startsWith("-");
        }
        EnumSet<Feature> out = EnumSet.of(MVP);
        if (!fromScratch) {
            out.addAll(base);
        }
        for (String item : items) {
            String name = item.strip();
            boolean remove = name.startsWith("-");
            if (remove || name.startsWith("+")) {
                name = name.substring(1);
            }
            Set<Feature> named = switch (name.toLowerCase(Locale.ROOT)) {
                case "all" -> EnumSet.allOf(Feature.class);
                case "default" -> DEFAULT;
                case "2.0" -> WASM_2_0;
                case "3.0" -> WASM_3_0;
                case "" -> throw new IllegalArgumentException("an empty name in the feature list '" + list + "'");
                default -> EnumSet.of(ofFlag(name));
            };
            if (remove) {
                out.removeAll(named);
            } else {
                out.addAll(named);
            }
        }
        if (!out.contains(MVP)) {
            throw new IllegalArgumentException("the feature list '" + list
                    + "' leaves out mvp, which every module needs");
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public String toString() {
        return flag;
    }
}
