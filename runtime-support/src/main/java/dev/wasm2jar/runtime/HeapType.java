package dev.wasm2jar.runtime;

import java.util.Locale;

/**
 * What a reference points to: one of WebAssembly 3.0's abstract heap types, or a type of the module's type section
 * (a <em>concrete</em> heap type, named by its index). WebAssembly 2.0 has only {@link #FUNC} and {@link #EXTERN}.
 *
 * <p>A concrete heap type is known by its index inside one module; across modules, by what it defines. The decoder
 * gives each one whose definition it has resolved the {@link #function() function type} it stands for, and then
 * equality compares that (interned) type and not the index, so {@code (ref $t)} of one module equals
 * {@code (ref $u)} of another when {@code $t} and {@code $u} are the same function type, as the spec's type
 * equivalence says. Without the GC proposal every defined type is a function type, and none refers to itself.
 *
 * <p>Equality is otherwise structural. The abstract heap types exist once each, so {@code ==} works for them too.
 */
public final class HeapType {
    /** The abstract heap types, bottom types included, and {@link #CONCRETE} for a type index. */
    public enum Kind {
        FUNC, NOFUNC, EXTERN, NOEXTERN, ANY, EQ, I31, STRUCT, ARRAY, NONE, EXN, NOEXN, CONCRETE;

        /** The text format's name: {@code func}, {@code nofunc} ... ({@code concrete} for a type index). */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final HeapType[] ABSTRACT = new HeapType[Kind.values().length - 1];

    static {
        for (Kind kind : Kind.values()) {
            if (kind != Kind.CONCRETE) {
                ABSTRACT[kind.ordinal()] = new HeapType(kind, -1);
            }
        }
    }

    public static final HeapType FUNC = of(Kind.FUNC);
    public static final HeapType NOFUNC = of(Kind.NOFUNC);
    public static final HeapType EXTERN = of(Kind.EXTERN);
    public static final HeapType NOEXTERN = of(Kind.NOEXTERN);
    public static final HeapType ANY = of(Kind.ANY);
    public static final HeapType EQ = of(Kind.EQ);
    public static final HeapType I31 = of(Kind.I31);
    public static final HeapType STRUCT = of(Kind.STRUCT);
    public static final HeapType ARRAY = of(Kind.ARRAY);
    public static final HeapType NONE = of(Kind.NONE);
    public static final HeapType EXN = of(Kind.EXN);
    public static final HeapType NOEXN = of(Kind.NOEXN);

    private final Kind kind;
    private final int typeIndex;
    private final FunctionType function;
    /** For a concrete heap type, what its definition is: {@link Kind#FUNC}, {@link Kind#STRUCT} or {@link Kind#ARRAY}. */
    private final Kind definition;

    private HeapType(Kind kind, int typeIndex) {
        this(kind, typeIndex, null, Kind.FUNC);
    }

    private HeapType(Kind kind, int typeIndex, FunctionType function, Kind definition) {
        this.kind = kind;
        this.typeIndex = typeIndex;
        this.function = function;
        this.definition = definition;
    }

    /** The abstract heap type of this kind. */
    public static HeapType of(Kind kind) {
        if (kind == Kind.CONCRETE) {
            throw new IllegalArgumentException("a concrete heap type needs a type index: use concrete(int)");
        }
        return ABSTRACT[kind.ordinal()];
    }

    /** The heap type defined at {@code typeIndex} in the module's type section. */
    public static HeapType concrete(int typeIndex) {
        if (typeIndex < 0) {
            throw new IllegalArgumentException("negative type index " + typeIndex);
        }
        return new HeapType(Kind.CONCRETE, typeIndex);
    }

    /**
     * The heap type defined at {@code typeIndex}, a type of kind {@code definition}: {@link Kind#FUNC},
     * {@link Kind#STRUCT} or {@link Kind#ARRAY} (the GC proposal's struct and array types).
     */
    public static HeapType concrete(int typeIndex, Kind definition) {
        if (definition != Kind.FUNC && definition != Kind.STRUCT && definition != Kind.ARRAY) {
            throw new IllegalArgumentException("a type definition is a func, struct or array type, not " + definition);
        }
        HeapType h = concrete(typeIndex);
        return definition == Kind.FUNC ? h : new HeapType(Kind.CONCRETE, typeIndex, null, definition);
    }

    /**
     * The concrete heap type that defines {@code function}, known across modules by that type ({@code typeIndex}, its
     * index in the module that named it, or -1 where none did, is kept for messages only).
     */
    public static HeapType function(int typeIndex, FunctionType function) {
        return new HeapType(Kind.CONCRETE, typeIndex, java.util.Objects.requireNonNull(function), Kind.FUNC);
    }

    /** The function type a concrete heap type defines, when the decoder resolved it; null otherwise. */
    public FunctionType function() {
        return function;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * What a concrete heap type's definition is ({@link Kind#FUNC}, {@link Kind#STRUCT} or {@link Kind#ARRAY}); an
     * abstract heap type's own kind.
     */
    public Kind definition() {
        return kind == Kind.CONCRETE ? definition : kind;
    }

    /**
     * The abstract heap type at the top of this one's hierarchy: {@link #FUNC}, {@link #EXTERN}, {@link #ANY} or
     * {@link #EXN}.
     */
    public HeapType top() {
        return switch (definition()) {
            case FUNC, NOFUNC -> FUNC;
            case EXTERN, NOEXTERN -> EXTERN;
            case EXN, NOEXN -> EXN;
            default -> ANY;
        };
    }

    public boolean isConcrete() {
        return kind == Kind.CONCRETE;
    }

    /** The type index of a concrete heap type; -1 for an abstract one. */
    public int typeIndex() {
        return typeIndex;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HeapType h) || h.kind != kind) {
            return false;
        }
        return function != null || h.function != null ? function == h.function
                : h.typeIndex == typeIndex && h.definition == definition;
    }

    @Override
    public int hashCode() {
        return function != null ? function.hashCode() : kind.hashCode() * 31 + typeIndex;
    }

    /** The text format's notation: {@code func}, {@code any}, the type index, or {@code (func [..] -> [..])}. */
    @Override
    public String toString() {
        if (!isConcrete()) {
            return kind.toString();
        }
        return typeIndex >= 0 ? Integer.toString(typeIndex) : "(func " + function + ")";
    }
}
