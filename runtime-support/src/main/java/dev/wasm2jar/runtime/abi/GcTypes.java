package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical {@link GcType}s of this JVM. A module's class hands over its whole type section once, in the form the
 * compiler wrote ({@link #canonical}); each recursion group is looked up by its shape, in which a reference to a type
 * of the same group is its position in the group and a reference to an earlier type is that type's canonical id, so
 * equal groups of any two modules map to the same objects.
 *
 * <p>The description is a list of integers separated by spaces: per group its size, then per type the kind
 * ({@link GcType#FUNC}, {@link GcType#STRUCT}, {@link GcType#ARRAY}), 1 if final else 0, the supertype's index or -1,
 * then for a function type the count and the types of its parameters and of its results, for a struct type the count
 * of its fields and each field's storage type and mutability (1 or 0), for an array type its element's storage type
 * and mutability. A storage type is a value type's code, {@link GcType#I8} or {@link GcType#I16}; a reference is
 * {@code 0x64} (non-null) or {@code 0x63} (nullable) followed by its heap type: an abstract heap type's code, or
 * {@code -1 - index} for the type at {@code index} of the same module.
 */
public final class GcTypes {
    private static final Map<String, GcType[]> GROUPS = new HashMap<>();
    private static int nextId;

    private static final java.util.concurrent.ConcurrentHashMap<FunctionType, GcType> PLAIN =
            new java.util.concurrent.ConcurrentHashMap<>();

    private GcTypes() {}

    /**
     * The canonical type of a function type that a module without GC types defines (a final type of its own group,
     * with no supertype), to compare it with one of a module with them; null when its signature refers to other
     * defined types, which such a module resolves only by structure.
     */
    public static GcType plain(FunctionType signature) {
        GcType known = PLAIN.get(signature);
        if (known != null) {
            return known;
        }
        StringBuilder sb = new StringBuilder("1 ").append(GcType.FUNC).append(" 1 -1");
        for (var list : java.util.List.of(signature.params(), signature.results())) {
            sb.append(' ').append(list.size());
            for (ValueType t : list) {
                sb.append(' ').append(TypeCodec.code(t));
                if (t.isReference()) {
                    if (t.heapType().isConcrete()) {
                        return null;
                    }
                    sb.append(' ').append(TypeCodec.code(t.heapType()));
                }
            }
        }
        GcType made = canonical(sb.toString())[0];
        PLAIN.putIfAbsent(signature, made);
        return made;
    }

    /** The canonical types of a module's type section, by type index. */
    public static GcType[] canonical(String description) {
        String[] tokens = description.isEmpty() ? new String[0] : description.split(" ");
        int[] values = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            values[i] = Integer.parseInt(tokens[i]);
        }
        List<GcType> types = new ArrayList<>();
        int at = 0;
        while (at < values.length) {
            int size = values[at++];
            int start = at;
            int first = types.size();
            StringBuilder key = new StringBuilder();
            List<int[]> members = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                members.add(new int[] {at});
                at = readType(values, at, key, first, types);
                key.append(';');
            }
            types.addAll(List.of(group(key.toString(), values, members, first, types)));
            if (start == at && size > 0) {
                throw new IllegalArgumentException("malformed type description");
            }
        }
        return types.toArray(new GcType[0]);
    }

    private static synchronized GcType[] group(String key, int[] values, List<int[]> members, int first,
            List<GcType> earlier) {
        GcType[] known = GROUPS.get(key);
        if (known != null) {
            return known;
        }
        GcType[] made = new GcType[members.size()];
        for (int k = 0; k < made.length; k++) {
            int at = members.get(k)[0];
            int kind = values[at];
            int supertype = values[at + 2];
            GcType parent = supertype < 0 ? null : supertype < first ? earlier.get(supertype) : made[supertype - first];
            int element = kind == GcType.ARRAY ? values[at + 3] : 0;
            made[k] = new GcType(nextId++, kind, values[at + 1] == 1, parent, element);
        }
        GROUPS.put(key, made);
        return made;
    }

    /**
     * Reads the type that starts at {@code at} and appends its tokens to {@code key} with its references made
     * independent of the module (see the class comment); returns the position after it.
     */
    private static int readType(int[] v, int at, StringBuilder key, int first, List<GcType> earlier) {
        int kind = v[at];
        key.append(kind).append(' ').append(v[at + 1]).append(' ');
        appendIndex(key, v[at + 2], first, earlier);
        at += 3;
        switch (kind) {
            case GcType.FUNC -> {
                for (int list = 0; list < 2; list++) {
                    int n = v[at++];
                    key.append(" n").append(n);
                    for (int i = 0; i < n; i++) {
                        at = readStorage(v, at, key, first, earlier);
                    }
                }
            }
            case GcType.STRUCT -> {
                int n = v[at++];
                key.append(" n").append(n);
                for (int i = 0; i < n; i++) {
                    at = readStorage(v, at, key, first, earlier);
                    key.append(" m").append(v[at++]);
                }
            }
            case GcType.ARRAY -> {
                at = readStorage(v, at, key, first, earlier);
                key.append(" m").append(v[at++]);
            }
            default -> throw new IllegalArgumentException("unknown kind of type " + kind);
        }
        return at;
    }

    private static int readStorage(int[] v, int at, StringBuilder key, int first, List<GcType> earlier) {
        int code = v[at++];
        key.append(' ').append(code);
        if (code == TypeCodec.REF || code == TypeCodec.REF_NULL) {
            int heap = v[at++];
            key.append(' ');
            if (heap < 0) {
                appendIndex(key, -1 - heap, first, earlier);
            } else {
                key.append(heap);
            }
        }
        return at;
    }

    private static void appendIndex(StringBuilder key, int index, int first, List<GcType> earlier) {
        if (index < 0) {
            key.append('-');
        } else if (index >= first) {
            key.append('L').append(index - first);
        } else {
            key.append('C').append(earlier.get(index).id());
        }
    }
}
