package dev.wasm2jar.cli.fuzz;

/**
 * How one module fared.
 *
 * @param recipe how it was made
 * @param verdict passed, passed only without NaNs ({@link ModuleCheck}), failed, or skipped because binaryen could
 *     not make or run it
 * @param detail for a failure or skip, why, in a few lines; for NaN bits, the difference they made
 * @param referenceTypes whether the module was made with reference types enabled (and kept them)
 * @param lines what binaryen printed that was compared: calls, results, logs and traps
 * @param traps of those, the traps
 */
record Outcome(Recipe recipe, Verdict verdict, String detail, boolean referenceTypes, int lines, int traps) {
    enum Verdict { PASSED, NAN_BITS, FAILED, SKIPPED }

    static Outcome failed(Recipe recipe, String detail) {
        return new Outcome(recipe, Verdict.FAILED, detail, false, 0, 0);
    }

    static Outcome skipped(Recipe recipe, String detail) {
        return new Outcome(recipe, Verdict.SKIPPED, detail, false, 0, 0);
    }
}
