package dev.wasm2jar.cli.fuzz;

import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One line of what wasm2jar's compiled module did, in the order and kinds of {@link Expected}, with its values
 * typed.
 *
 * @param kind what happened
 * @param export the export called or returning
 * @param types the types of {@code values}
 * @param values the results, or the one value logged
 * @param trap the kind of trap and wasm2jar's message
 */
record Observed(Expected.Kind kind, String export, List<ValueType> types, List<Object> values, TrapKind trap,
        String message) {
    static Observed call(String export) {
        return new Observed(Expected.Kind.CALL, export, List.of(), List.of(), null, "");
    }

    static Observed result(String export, List<ValueType> types, List<Object> values) {
        return new Observed(Expected.Kind.RESULT, export, types, values, null, "");
    }

    static Observed log(ValueType type, Object value) {
        return new Observed(Expected.Kind.LOG, "", List.of(type), java.util.Arrays.asList(value), null, "");
    }

    static Observed trap(TrapKind kind, String message) {
        return new Observed(Expected.Kind.TRAP, "", List.of(), List.of(), kind, message);
    }

    /** Whether binaryen's line says the same. */
    boolean matches(Expected expected) {
        if (expected.kind() != kind || !expected.export().equals(export)) {
            return false;
        }
        return switch (kind) {
            case CALL -> true;
            case TRAP -> TrapKind.ofBinaryen(expected.text()) == trap && trap != TrapKind.UNKNOWN;
            case LOG -> Values.logMatches(expected.text(), types.get(0), values.get(0));
            case RESULT -> {
                List<String> texts = expected.values();
                yield texts.size() == values.size() && IntStream.range(0, texts.size())
                        .allMatch(i -> Values.matches(texts.get(i), types.get(i), values.get(i)));
            }
        };
    }

    @Override
    public String toString() {
        String shown = IntStream.range(0, values.size()).mapToObj(i -> Values.describe(types.get(i), values.get(i)))
                .collect(Collectors.joining(", "));
        return switch (kind) {
            case CALL -> "calling " + export;
            case RESULT -> "result: " + export + " => " + (values.size() == 1 ? shown : "(" + shown + ")");
            case LOG -> "logging " + shown;
            case TRAP -> "trap " + trap + " (" + message + ")";
        };
    }
}
