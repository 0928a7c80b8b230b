package dev.wasm2jar.compiler.internal.model;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.GcType;
import dev.wasm2jar.runtime.abi.GcTypes;
import dev.wasm2jar.runtime.abi.TypeCodec;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type section of a module that uses the GC proposal: every defined type with its kind, its declared supertype
 * and finality, in recursion groups. Modules without such types have none ({@link ModuleModel#definitions()} is
 * null) and compile exactly as before.
 *
 * @param types by type index
 * @param groupSizes the size of each recursion group, in order
 */
public record TypeDefinitions(List<Definition> types, int[] groupSizes) {
    /**
     * A field of a struct, or an array's element: its value type ({@code i32} for the packed types), {@code packed}
     * ({@link GcType#I8}, {@link GcType#I16}, or 0), and whether it may be set.
     */
    public record Field(ValueType type, int packed, boolean mutable) {}

    /**
     * @param kind {@link HeapType.Kind#FUNC}, {@link HeapType.Kind#STRUCT} or {@link HeapType.Kind#ARRAY}
     * @param function a function type's signature; null otherwise
     * @param fields a struct type's fields, an array type's one element; empty for a function type
     * @param supertype the declared supertype's index, or -1
     */
    public record Definition(HeapType.Kind kind, FunctionType function, List<Field> fields, int supertype,
            boolean isFinal) {}

    public Definition type(int index) {
        return types.get(index);
    }

    public boolean isStruct(int index) {
        return types.get(index).kind() == HeapType.Kind.STRUCT;
    }

    /**
     * For each type, the smallest index of a type it equals (the spec's iso-recursive equivalence, within this
     * module): equal struct types share one JVM class.
     */
    public int[] representatives() {
        GcType[] canonical = GcTypes.canonical(description());
        Map<GcType, Integer> first = new IdentityHashMap<>();
        int[] out = new int[canonical.length];
        for (int i = 0; i < canonical.length; i++) {
            Integer earlier = first.putIfAbsent(canonical[i], i);
            out[i] = earlier == null ? i : earlier;
        }
        return out;
    }

    /** The form {@link GcTypes#canonical} reads, which a module's class hands to the runtime. */
    public String description() {
        StringBuilder sb = new StringBuilder();
        int index = 0;
        for (int size : groupSizes) {
            token(sb, size);
            for (int k = 0; k < size; k++) {
                Definition d = types.get(index++);
                switch (d.kind()) {
                    case FUNC -> {
                        token(sb, GcType.FUNC);
                        head(sb, d);
                        token(sb, d.function().params().size());
                        d.function().params().forEach(t -> storage(sb, t, 0));
                        token(sb, d.function().results().size());
                        d.function().results().forEach(t -> storage(sb, t, 0));
                    }
                    case STRUCT -> {
                        token(sb, GcType.STRUCT);
                        head(sb, d);
                        token(sb, d.fields().size());
                        for (Field f : d.fields()) {
                            storage(sb, f.type(), f.packed());
                            token(sb, f.mutable() ? 1 : 0);
                        }
                    }
                    default -> {
                        token(sb, GcType.ARRAY);
                        head(sb, d);
                        Field f = d.fields().get(0);
                        storage(sb, f.type(), f.packed());
                        token(sb, f.mutable() ? 1 : 0);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void head(StringBuilder sb, Definition d) {
        token(sb, d.isFinal() ? 1 : 0);
        token(sb, d.supertype());
    }

    private static void storage(StringBuilder sb, ValueType t, int packed) {
        if (packed != 0) {
            token(sb, packed);
            return;
        }
        token(sb, TypeCodec.code(t));
        if (t.isReference()) {
            HeapType h = t.heapType();
            token(sb, h.isConcrete() ? -1 - h.typeIndex() : TypeCodec.code(h));
        }
    }

    private static void token(StringBuilder sb, int v) {
        if (!sb.isEmpty()) {
            sb.append(' ');
        }
        sb.append(v);
    }
}
