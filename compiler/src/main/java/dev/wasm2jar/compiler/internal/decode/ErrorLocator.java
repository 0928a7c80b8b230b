package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.AnnotatedInstruction;

/**
 * Finds where a module that does not decode or validate goes wrong: the function whose body fails, and the byte
 * offset of the instruction at which it stops validating. Endive reports only the reason, so this asks it again about
 * edited copies of the module: a binary search over which bodies are kept (the others become {@code unreachable}),
 * then one over how much of the failing body is kept (cut after {@code unreachable} and the ends of the blocks still
 * open). About 2·log2(n) more parses, on the error path only.
 */
final class ErrorLocator {
    private static final byte[] STUB = Sections.STUB;
    private static final byte UNREACHABLE = 0x00;
    private static final byte ELSE = 0x05;
    private static final byte END = 0x0B;

    /** Where the first failing function body fails; {@code offset} is from the start of the module's bytes. */
    record Location(int function, String name, int offset) {
        String describe() {
            return "function " + function + (name == null ? "" : " (" + name + ")") + " at offset 0x"
                    + Integer.toHexString(offset);
        }
    }

    private ErrorLocator() {}

    /** {@code error} with where it happened in front of its message, when that is inside a function body. */
    static RuntimeException withLocation(byte[] wasm, Set<Feature> features, RuntimeException error) {
        return withLocation(error, locateOrNull(wasm, features));
    }

    /** {@link #locate}, or null when the module is too broken to edit: the reason alone must do then. */
    static Location locateOrNull(byte[] wasm, Set<Feature> features) {
        try {
            return locate(wasm, features);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** {@code error} with {@code where} in front of its message, unless null. */
    static RuntimeException withLocation(RuntimeException error, Location where) {
        if (where == null) {
            return error;
        }
        String message = where.describe() + ": " + error.getMessage();
        if (error instanceof MalformedException) {
            return new MalformedException(message, error);
        }
        if (error instanceof InvalidException) {
            return new InvalidException(message, error);
        }
        return error;
    }

    /** The failing function and instruction, or null when the module fails outside the code section. */
    static Location locate(byte[] wasm, Set<Feature> features) {
        Sections sections = Sections.read(wasm);
        int bodies = sections.bodies.length;
        if (bodies == 0 || fails(features, sections.withBodies(i -> STUB))) {
            return null;
        }
        // The fewest leading bodies kept (the rest stubbed) with which the module fails.
        int lo = 1;
        int hi = bodies;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int keep = mid;
            if (fails(features, sections.withBodies(i -> i < keep ? sections.body(i) : STUB))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int bad = lo - 1;
        if (!fails(features, sections.withBodies(i -> i <= bad ? sections.body(i) : STUB))) {
            return null; // fails only with every body together
        }
        int function = sections.importedFunctions + bad;
        int[] range = sections.bodies[bad];
        WasmModule unvalidated;
        try {
            unvalidated = Parser.builder().withValidation(false).build().parse(() -> new ByteArrayInputStream(wasm));
        } catch (RuntimeException e) {
            return new Location(function, null, range[0]); // the body itself does not decode
        }
        String name = unvalidated.nameSection() == null ? null : unvalidated.nameSection().nameOfFunction(function);
        List<AnnotatedInstruction> code = unvalidated.codeSection().getFunctionBody(bad).instructions();
        // The most instructions kept with which the body still validates; the next one is where it fails.
        int valid = -1;
        int low = 0;
        int high = code.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            byte[] cut = cut(wasm, range, code, mid);
            if (fails(features, sections.withBodies(i -> i == bad ? cut : STUB))) {
                high = mid - 1;
            } else {
                valid = mid;
                low = mid + 1;
            }
        }
        int offset = valid < 0 ? range[0] : code.get(valid).address();
        return new Location(function, name, offset);
    }

    /** The body with its locals and first {@code keep} instructions, closed by {@code unreachable} and ends. */
    private static byte[] cut(byte[] wasm, int[] range, List<AnnotatedInstruction> code, int keep) {
        int end = keep < code.size() ? code.get(keep).address() : range[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(wasm, range[0], end - range[0]);
        Deque<Boolean> open = new ArrayDeque<>(); // per open block: an if still in its then-branch
        for (int i = 0; i < keep; i++) {
            switch (code.get(i).opcode()) {
                case BLOCK, LOOP, TRY_TABLE -> open.push(false);
                case IF -> open.push(true);
                case ELSE -> {
                    if (!open.isEmpty()) {
                        open.pop();
                        open.push(false);
                    }
                }
                case END -> {
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                }
                default -> { }
            }
        }
        for (boolean thenBranch : open) {
            out.write(UNREACHABLE);
            if (thenBranch) {
                out.write(ELSE); // an if without else must not produce results
                out.write(UNREACHABLE);
            }
            out.write(END);
        }
        out.write(UNREACHABLE);
        out.write(END);
        return out.toByteArray();
    }

    /** Whether the module fails to decode or validate, its bodies converted too (2.0's encoding rules live there). */
    private static boolean fails(Set<Feature> features, byte[] module) {
        try {
            ModuleModel model = EndiveDecoder.decodeUnlocated(module, features);
            int defined = model.functionCount() - model.importCount(ExternKind.FUNCTION);
            for (int i = 0; i < defined; i++) {
                model.bodies().apply(i);
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            return true;
        }
    }
}
