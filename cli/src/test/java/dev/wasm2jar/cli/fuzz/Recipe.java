package dev.wasm2jar.cli.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How module {@code index} of seed {@code seed} is made: its random bytes for {@code wasm-opt -ttf}, whether it may
 * use reference types, the binaryen passes that reshape it, the spec module it may start from, and how wasm2jar
 * splits its functions. A function of seed and index alone (and of the spec suite's files), so that one failing
 * module of a long run is made again, byte for byte, by {@code bin/fuzz --seed S --index K}.
 *
 * @param bytes the random input, 256 bytes to 8 KiB (binaryen makes larger modules of longer inputs)
 * @param referenceTypes a third of the modules enable reference types: binaryen 108 writes many such modules with
 *     typed function references, which are not WebAssembly 2.0; those are made again without ({@link ModuleCheck})
 * @param passes none for half the modules, {@code -O2}, {@code -Os}, {@code --flatten --rereloop} or binaryen's
 *     random {@code --fuzz-passes} for an eighth each: optimized code has other shapes (selects, br_tables, block
 *     results, folded constants), and the flattened and reloopered one has big functions of br_tables and locals
 * @param splitTarget for a quarter of the modules, 300: wasm2jar splits every function over that many bytes of
 *     bytecode into parts (as it splits those over HotSpot's limit), so that parts begin almost anywhere; 0 for
 *     its default
 * @param initial for a quarter of the modules, a module of the spec suite ({@link SpecModules}) that binaryen
 *     mixes its random code into ({@code --initial-fuzz}): the suite's exports are called too, with zeros; else
 *     null
 */
record Recipe(long seed, int index, byte[] bytes, boolean referenceTypes, List<String> passes, int splitTarget,
        Path initial) {
    /** What every module may use: all of WebAssembly 2.0 but reference types, and extended constants. */
    static final List<String> FEATURES = List.of("--enable-sign-ext", "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int", "--enable-simd", "--enable-bulk-memory", "--enable-multivalue",
            "--enable-extended-const");

    static Recipe of(long seed, int index) {
        SplittableRandom random = new SplittableRandom(mix(seed) + index * 0x9E3779B97F4A7C15L);
        byte[] bytes = new byte[256 + random.nextInt(8 * 1024 - 256)];
        random.nextBytes(bytes);
        boolean referenceTypes = random.nextInt(3) == 0;
        List<String> passes = switch (random.nextInt(8)) {
            case 4 -> List.of("-O2");
            case 5 -> List.of("-Os");
            case 6 -> List.of("--flatten", "--rereloop");
            case 7 -> List.of("--fuzz-passes");
            default -> List.of();
        };
        int splitTarget = random.nextInt(4) == 0 ? 300 : 0;
        List<Path> spec = SpecModules.list();
        int pick = random.nextInt(4 * Math.max(1, spec.size()));
        Path initial = pick < spec.size() ? spec.get(pick) : null;
        return new Recipe(seed, index, bytes, referenceTypes, passes, splitTarget, initial);
    }

    /** The {@code --enable-*} flags, with or without reference types. */
    List<String> features(boolean withReferenceTypes) {
        List<String> flags = new ArrayList<>(FEATURES);
        if (withReferenceTypes) {
            flags.add("--enable-reference-types");
        }
        return flags;
    }

    /** What the recipe says, in words. */
    String describe() {
        return "module " + index + " of seed " + seed + ": " + bytes.length + " random bytes"
                + (referenceTypes ? ", reference types" : "")
                + (passes.isEmpty() ? "" : ", " + String.join(" ", passes))
                + (splitTarget == 0 ? "" : ", split at " + splitTarget + " bytes")
                + (initial == null ? "" : ", mixed into " + SpecModules.name(initial));
    }

    /** The command that makes this module again. */
    String reproduce() {
        return "bin/fuzz --seed " + seed + " --index " + index;
    }

    /** A 64-bit finalizer (MurmurHash3's), so that nearby seeds give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
