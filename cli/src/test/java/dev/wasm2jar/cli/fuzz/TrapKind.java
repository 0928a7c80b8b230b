package dev.wasm2jar.cli.fuzz;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.WasmException;

/**
 * The kinds of trap, by which binaryen's interpreter and wasm2jar are compared: their messages differ in words
 * ({@code i32.div_s overflow} and the spec's {@code integer overflow}), not in kind.
 */
enum TrapKind {
    UNREACHABLE,
    MEMORY_OUT_OF_BOUNDS,
    TABLE_OUT_OF_BOUNDS,
    /** {@code call_indirect} past the table's end (binaryen: {@code callTable overflow}). */
    UNDEFINED_ELEMENT,
    UNINITIALIZED_ELEMENT,
    SIGNATURE_MISMATCH,
    DIVIDE_BY_ZERO,
    INTEGER_OVERFLOW,
    INVALID_CONVERSION,
    CALL_STACK_EXHAUSTED,
    /** A message this class does not know: never equal to anything, so the run shows it. */
    UNKNOWN;

    /** The kind of a binaryen 108 trap message, such as {@code final > memory: 70000 > 65536}. */
    static TrapKind ofBinaryen(String message) {
        if (message.equals("unreachable")) {
            return UNREACHABLE;
        }
        if (message.equals("uninitialized table element")) {
            return UNINITIALIZED_ELEMENT;
        }
        if (message.startsWith("callIndirect: function types don't match")) {
            return SIGNATURE_MISMATCH;
        }
        if (message.equals("callTable overflow")) {
            return UNDEFINED_ELEMENT;
        }
        if (message.contains("table")) {
            return TABLE_OUT_OF_BOUNDS;
        }
        if (message.contains("memory")) {
            return MEMORY_OUT_OF_BOUNDS;
        }
        if (message.endsWith(" by 0")) {
            return DIVIDE_BY_ZERO;
        }
        if (message.endsWith(" of nan")) {
            return INVALID_CONVERSION;
        }
        if (message.endsWith(" overflow")) {
            return INTEGER_OVERFLOW;
        }
        if (message.contains("stack limit") || message.contains("call stack")) {
            return CALL_STACK_EXHAUSTED;
        }
        return UNKNOWN;
    }

    /** The kind of a trap of wasm2jar's, whose message is the spec's. */
    static TrapKind ofWasm2jar(WasmException e) {
        if (e instanceof ExhaustionException) {
            return CALL_STACK_EXHAUSTED;
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("uninitialized element")) {
            return UNINITIALIZED_ELEMENT;
        }
        return switch (message) {
            case "unreachable" -> UNREACHABLE;
            case "out of bounds memory access" -> MEMORY_OUT_OF_BOUNDS;
            case "out of bounds table access" -> TABLE_OUT_OF_BOUNDS;
            case "undefined element" -> UNDEFINED_ELEMENT;
            case "indirect call type mismatch" -> SIGNATURE_MISMATCH;
            case "integer divide by zero" -> DIVIDE_BY_ZERO;
            case "integer overflow" -> INTEGER_OVERFLOW;
            case "invalid conversion to integer" -> INVALID_CONVERSION;
            default -> UNKNOWN;
        };
    }
}
