package dev.wasm2jar.runtime;

import java.util.Locale;

/**
 * A WebAssembly value type: a number ({@code i32 i64 f32 f64}), the vector {@code v128}, or a reference to a
 * {@link HeapType}, nullable or not ({@code funcref} is {@code (ref null func)}). It has the room WebAssembly 3.0
 * needs; what wasm2jar compiles today is the 2.0 set, which has a constant each here.
 *
 * <p>Switch on {@link #kind()}. Equality is structural; numbers, {@code v128} and every reference to an abstract heap
 * type exist once each, so {@code t == ValueType.I32} and {@code t == ValueType.FUNCREF} work as well.
 *
 * <p>The JVM type that carries each value ({@link #javaType()}): numbers are JVM primitives with their exact bits;
 * {@code v128} a {@link V128} at method boundaries (compiled code keeps vectors in JVM locals inside a function); a
 * reference to {@code func} or {@code nofunc} a {@link WasmFunction} (or null: {@code nofunc} holds only null, and
 * sharing the carrier keeps it assignable to {@code funcref}); every other reference, {@code externref} and the
 * GC proposal's types included, any Java object (or null). A concrete heap type is carried as its definition's kind
 * is: a function type as a {@link WasmFunction}, a struct or array type as an Object (a
 * {@link dev.wasm2jar.runtime.abi.GcStruct} or {@link dev.wasm2jar.runtime.abi.GcArray}).
 */
public final class ValueType {
    /** What a switch over value types needs: the number or vector type, or {@link #REF} for every reference. */
    public enum Kind { I32, I64, F32, F64, V128, REF }

    public static final ValueType I32 = new ValueType(Kind.I32, null, false, int.class);
    public static final ValueType I64 = new ValueType(Kind.I64, null, false, long.class);
    public static final ValueType F32 = new ValueType(Kind.F32, null, false, float.class);
    public static final ValueType F64 = new ValueType(Kind.F64, null, false, double.class);
    public static final ValueType V128 = new ValueType(Kind.V128, null, false, V128.class);

    /** References to abstract heap types, two per kind (non-null, nullable), so that they exist once each. */
    private static final ValueType[] ABSTRACT_REFS = new ValueType[2 * (HeapType.Kind.values().length - 1)];

    static {
        for (HeapType.Kind kind : HeapType.Kind.values()) {
            if (kind != HeapType.Kind.CONCRETE) {
                HeapType heap = HeapType.of(kind);
                ABSTRACT_REFS[2 * kind.ordinal()] = new ValueType(Kind.REF, heap, false, carrier(heap));
                ABSTRACT_REFS[2 * kind.ordinal() + 1] = new ValueType(Kind.REF, heap, true, carrier(heap));
            }
        }
    }

    /** {@code funcref}, that is {@code (ref null func)}. */
    public static final ValueType FUNCREF = ref(HeapType.FUNC, true);
    /** {@code externref}, that is {@code (ref null extern)}. */
    public static final ValueType EXTERNREF = ref(HeapType.EXTERN, true);

    private final Kind kind;
    private final HeapType heapType;
    private final boolean nullable;
    private final Class<?> javaType;

    private ValueType(Kind kind, HeapType heapType, boolean nullable, Class<?> javaType) {
        this.kind = kind;
        this.heapType = heapType;
        this.nullable = nullable;
        this.javaType = javaType;
    }

    /** The reference type {@code (ref null? heapType)}. */
    public static ValueType ref(HeapType heapType, boolean nullable) {
        if (heapType.isConcrete()) {
            return new ValueType(Kind.REF, heapType, nullable, carrier(heapType));
        }
        return ABSTRACT_REFS[2 * heapType.kind().ordinal() + (nullable ? 1 : 0)];
    }

    /** Function references are {@link WasmFunction}s; every other reference (struct and array types too) an Object. */
    private static Class<?> carrier(HeapType heap) {
        return switch (heap.definition()) {
            case FUNC, NOFUNC -> WasmFunction.class;
            default -> Object.class;
        };
    }

    /**
     * Whether a value of this type may stand where {@code other} is expected (the spec's matching of value types):
     * the same type; or references where this is no more nullable and its heap type matches: a concrete (function)
     * type matches itself and {@code func}, {@code nofunc} every function type, {@code noextern} {@code extern}.
     */
    public boolean matches(ValueType other) {
        if (equals(other)) {
            return true;
        }
        if (kind != Kind.REF || other.kind != Kind.REF || (nullable && !other.nullable)) {
            return false;
        }
        HeapType sub = heapType;
        HeapType sup = other.heapType;
        if (sub.equals(sup)) {
            return true;
        }
        return switch (sub.kind()) {
            case CONCRETE -> switch (sub.definition()) {
                case STRUCT -> sup == HeapType.STRUCT || sup == HeapType.EQ || sup == HeapType.ANY;
                case ARRAY -> sup == HeapType.ARRAY || sup == HeapType.EQ || sup == HeapType.ANY;
                default -> sup == HeapType.FUNC;
            };
            case NOFUNC -> sup.top() == HeapType.FUNC;
            case NOEXTERN -> sup == HeapType.EXTERN;
            case NONE -> sup.top() == HeapType.ANY;
            case NOEXN -> sup == HeapType.EXN;
            case I31, STRUCT, ARRAY -> sup == HeapType.EQ || sup == HeapType.ANY;
            case EQ -> sup == HeapType.ANY;
            default -> false;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** What a reference points to; null for numbers and vectors. */
    public HeapType heapType() {
        return heapType;
    }

    /** Whether a reference type admits null; false for numbers and vectors. */
    public boolean nullable() {
        return nullable;
    }

    /** The JVM type that carries values of this type in compiled code and in method handles. */
    public Class<?> javaType() {
        return javaType;
    }

    public boolean isNumeric() {
        return kind != Kind.V128 && kind != Kind.REF;
    }

    public boolean isVector() {
        return kind == Kind.V128;
    }

    public boolean isReference() {
        return kind == Kind.REF;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ValueType t && t.kind == kind && t.nullable == nullable
                && java.util.Objects.equals(t.heapType, heapType);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + java.util.Objects.hashCode(heapType)) * 2 + (nullable ? 1 : 0);
    }

    /**
     * The text format's notation: {@code i32}, {@code funcref}, {@code (ref func)}, {@code (ref null 3)}; a nullable
     * reference to an abstract heap type by its short name ({@code anyref}, {@code nullfuncref} ...).
     */
    @Override
    public String toString() {
        if (kind != Kind.REF) {
            return kind.name().toLowerCase(Locale.ROOT);
        }
        if (nullable && !heapType.isConcrete()) {
            return switch (heapType.kind()) {
                case NONE -> "nullref";
                case NOFUNC -> "nullfuncref";
                case NOEXTERN -> "nullexternref";
                case NOEXN -> "nullexnref";
                default -> heapType + "ref";
            };
        }
        return "(ref " + (nullable ? "null " : "") + heapType + ")";
    }
}
