package dev.wasm2jar.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module with no NaN computed anywhere: binaryen's {@code --denan} makes scalar float NaNs zeros where they
 * are computed, and, since binaryen 108's {@code --denan} leaves vectors alone, every float vector instruction
 * that may compute a NaN (arithmetic, rounding, min and max, conversions between lane widths) is wrapped here in a
 * function that zeroes its NaN lanes. Constants, loads, moves and bitwise vector instructions keep their bits, as
 * the spec fixes them. The wrapping is done on binaryen's folded text, where an instruction's operands are the
 * parenthesized expressions inside its own parentheses.
 */
final class NanFree {
    private static final Pattern ARITHMETIC = Pattern.compile(
            "\\((f32x4|f64x2)\\.(add|sub|mul|div|sqrt|min|max|ceil|floor|trunc|nearest|demote_f64x2_zero"
                    + "|promote_low_f32x4)[\\s)]");

    /** f32x4.eq is all ones in a lane that is not NaN, so the {@code and} zeroes the NaN lanes. */
    private static final String HELPERS = """
             (func $fuzz_nan_free_f32x4 (param $0 v128) (result v128)
              (v128.and (local.get $0) (f32x4.eq (local.get $0) (local.get $0))))
             (func $fuzz_nan_free_f64x2 (param $0 v128) (result v128)
              (v128.and (local.get $0) (f64x2.eq (local.get $0) (local.get $0))))
            """;

    private NanFree() {}

    /** Writes {@code module} without computed NaNs to {@code out}; false if binaryen cannot. */
    static boolean transform(Path module, List<String> features, Path dir, Path out) throws IOException {
        Path scalar = dir.resolve("denan-scalar.wasm");
        if (!Tools.denan(module, features, scalar)) {
            return false;
        }
        Tools.Output text = Tools.print(scalar, features);
        if (text.exitCode() != 0) {
            return false;
        }
        Path wat = dir.resolve("nan-free.wat");
        Files.writeString(wat, wrapVectorArithmetic(text.stdout()));
        return Tools.assemble(wat, features, out);
    }

    static String wrapVectorArithmetic(String wat) {
        StringBuilder s = new StringBuilder(wat);
        // From the last match back, so that earlier offsets stay right as text is inserted after them.
        Matcher m = ARITHMETIC.matcher(wat);
        List<int[]> matches = m.results().map(r -> new int[] {r.start(), r.group(1).equals("f32x4") ? 32 : 64})
                .toList();
        for (int i = matches.size() - 1; i >= 0; i--) {
            int start = matches.get(i)[0];
            int end = closing(s, start);
            s.insert(end + 1, ")");
            s.insert(start, "(call $fuzz_nan_free_" + (matches.get(i)[1] == 32 ? "f32x4 " : "f64x2 "));
        }
        int last = s.lastIndexOf(")");
        s.insert(last, HELPERS);
        return s.toString();
    }

    /** The index of the parenthesis that closes the one at {@code open}; strings hold none in binaryen's code. */
    private static int closing(CharSequence s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced at " + open);
    }
}
