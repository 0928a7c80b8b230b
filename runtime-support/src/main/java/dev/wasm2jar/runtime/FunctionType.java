package dev.wasm2jar.runtime;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function signature. Equality is structural: two types are equal when their parameters and their results are.
 * Instances are interned on that structure as well, so two equal types are the same object and an indirect call checks
 * its callee's type with one reference comparison.
 *
 * <p>The JVM form of a signature ({@link #methodType()}): parameters map one to one to {@link ValueType#javaType()};
 * no result is {@code void}, one result is its Java type, several results are a {@code long[]} of raw bits when all
 * are numbers (f32 as {@code floatToRawIntBits}, f64 as {@code doubleToRawLongBits}) and an {@code Object[]} of boxed
 * values otherwise (a {@code v128} result boxed as its {@link V128}).
 */
public final class FunctionType {
    private static final ConcurrentHashMap<Key, FunctionType> INTERNED = new ConcurrentHashMap<>();

    /** The letters of {@link #parse}'s notation, a convenience for tests and host function tables. */
    private static final String LETTERS = "ilfdvFE";
    private static final List<ValueType> LETTER_TYPES = List.of(ValueType.I32, ValueType.I64, ValueType.F32,
            ValueType.F64, ValueType.V128, ValueType.FUNCREF, ValueType.EXTERNREF);

    /**
     * What types are interned on. A class rather than a record: a record's hashCode and equals are bootstrapped
     * through invokedynamic on first use, which spins JDK classes at the start of every run that loads a module.
     */
    private static final class Key {
        final List<ValueType> params;
        final List<ValueType> results;

        Key(List<ValueType> params, List<ValueType> results) {
            this.params = params;
            this.results = results;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && params.equals(k.params) && results.equals(k.results);
        }

        @Override
        public int hashCode() {
            return 31 * params.hashCode() + results.hashCode();
        }
    }

    private final List<ValueType> params;
    private final List<ValueType> results;
    private final MethodType methodType;
    /** Computed once: a type's parameters may refer to other function types, nested as deep as a module likes. */
    private final int hash;
    private final int size;

    private FunctionType(List<ValueType> params, List<ValueType> results) {
        this.params = params;
        this.results = results;
        this.methodType = MethodType.methodType(resultJavaType(results), javaTypes(params));
        this.hash = params.hashCode() * 31 + results.hashCode();
        long n = 1;
        for (List<ValueType> types : List.of(params, results)) {
            for (ValueType t : types) {
                FunctionType nested = t.isReference() ? t.heapType().function() : null;
                n += nested == null ? 1 : nested.size;
            }
        }
        this.size = (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * How many value types this type writes out, those of the function types its references define included (a
     * type whose parameters refer twice to the type before it, and so on, doubles at each step).
     */
    public int size() {
        return size;
    }

    /** The type {@code [params] -> [results]}, interned. */
    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        Key key = new Key(List.copyOf(params), List.copyOf(results));
        FunctionType known = INTERNED.get(key);
        if (known == null) {
            FunctionType made = new FunctionType(key.params, key.results);
            known = INTERNED.putIfAbsent(key, made);
            if (known == null) {
                known = made;
            }
        }
        return known;
    }

    /**
     * The type written as {@code params:results} in one letter per type, for example {@code "ii:l"}: {@code i}
     * i32, {@code l} i64, {@code f} f32, {@code d} f64, {@code v} v128, {@code F} funcref, {@code E} externref. A
     * convenience for tests and tables of host functions; nothing compiled depends on these letters.
     */
    public static FunctionType parse(String signature) {
        int colon = signature.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a signature: " + signature);
        }
        return of(decode(signature.substring(0, colon)), decode(signature.substring(colon + 1)));
    }

    public List<ValueType> params() {
        return params;
    }

    public List<ValueType> results() {
        return results;
    }

    /**
     * The notation that {@link #parse} reads, for types of WebAssembly 2.0.
     *
     * @throws IllegalStateException if a type has no letter (a reference type beyond funcref and externref)
     */
    public String signature() {
        StringBuilder sb = new StringBuilder(params.size() + results.size() + 1);
        params.forEach(t -> sb.append(letter(t)));
        sb.append(':');
        results.forEach(t -> sb.append(letter(t)));
        return sb.toString();
    }

    /** The JVM method type of a function of this type (without the instance that compiled functions take last). */
    public MethodType methodType() {
        return methodType;
    }

    /** The Java type that carries this type's results: void, one value's type, {@code long[]} or {@code Object[]}. */
    public static Class<?> resultJavaType(List<ValueType> results) {
        if (results.isEmpty()) {
            return void.class;
        }
        if (results.size() == 1) {
            return results.get(0).javaType();
        }
        return results.stream().allMatch(ValueType::isNumeric) ? long[].class : Object[].class;
    }

    private static Class<?>[] javaTypes(List<ValueType> types) {
        Class<?>[] out = new Class<?>[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = types.get(i).javaType();
        }
        return out;
    }

    private static char letter(ValueType t) {
        int i = LETTER_TYPES.indexOf(t);
        if (i < 0) {
            throw new IllegalStateException(t + " has no letter in the compact signature notation");
        }
        return LETTERS.charAt(i);
    }

    private static List<ValueType> decode(String letters) {
        List<ValueType> out = new ArrayList<>(letters.length());
        for (int i = 0; i < letters.length(); i++) {
            int k = LETTERS.indexOf(letters.charAt(i));
            if (k < 0) {
                throw new IllegalArgumentException("no value type has the letter '" + letters.charAt(i) + "'");
            }
            out.add(LETTER_TYPES.get(k));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FunctionType t && t.params.equals(params) && t.results.equals(results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The text format's notation: {@code [i32 i32] -> [i64]}. */
    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
