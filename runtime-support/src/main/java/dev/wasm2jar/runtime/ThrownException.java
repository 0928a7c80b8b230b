package dev.wasm2jar.runtime;

import java.util.Arrays;
import java.util.List;

/**
 * A WebAssembly exception (the spec's {@code assert_exception}): thrown by {@code throw}, caught by a
 * {@code try_table} of a matching {@link Tag}, and in Java what a call of a guest function throws when the guest lets
 * one escape. The values are boxed as {@link WasmFunction#call} boxes arguments (Integer, Long, Float, Double, V128,
 * references). A host function may throw one too, of a tag the guest imports, and a guest that calls it can catch it.
 *
 * <p>It carries no stack trace: guests throw and catch as control flow, and filling one in would cost more than the
 * rest of a throw. Traps are never {@code ThrownException}s, so no wasm {@code catch_all} can catch them.
 */
public final class ThrownException extends WasmException {
    private static final Object[] NO_VALUES = new Object[0];

    private final Tag tag;
    private final Object[] values;

    /**
     * An exception of {@code tag} carrying {@code values}, one per parameter of the tag's type.
     *
     * @throws IllegalArgumentException when the values do not match the tag's type
     */
    public ThrownException(Tag tag, Object... values) {
        super(null, null, false, false);
        List<ValueType> params = tag.type().params();
        if (values.length != params.size()) {
            throw new IllegalArgumentException(tag + " carries " + params.size() + " values, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!fits(params.get(i), values[i])) {
                throw new IllegalArgumentException("value " + i + " of " + tag + " is not a " + params.get(i) + ": "
                        + values[i]);
            }
        }
        this.tag = tag;
        this.values = values.length == 0 ? NO_VALUES : values;
    }

    private static boolean fits(ValueType type, Object value) {
        return switch (type.kind()) {
            case I32 -> value instanceof Integer;
            case I64 -> value instanceof Long;
            case F32 -> value instanceof Float;
            case F64 -> value instanceof Double;
            case V128 -> value instanceof V128;
            case REF -> value == null || type.javaType().isInstance(value);
        };
    }

    public Tag tag() {
        return tag;
    }

    /** The values it carries, in the order of the tag's parameters (a copy). */
    public Object[] values() {
        return values.clone();
    }

    /** Value {@code index}, boxed (what compiled code reads when it catches). */
    public Object value(int index) {
        return values[index];
    }

    @Override
    public String getMessage() {
        return tag + " with " + Arrays.toString(values);
    }
}
