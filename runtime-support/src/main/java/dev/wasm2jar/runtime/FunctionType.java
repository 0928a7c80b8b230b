package dev.wasm2jar.runtime;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function signature. Instances are interned: two equal types are the same object, so an indirect call checks its
 * callee's type with one reference comparison.
 *
 * <p>The JVM form of a signature ({@link #methodType()}): parameters map one to one to {@link ValueType#javaType()};
 * no result is {@code void}, one result is its Java type, several results are a {@code long[]} of raw bits when all
 * are numbers (f32 as {@code floatToRawIntBits}, f64 as {@code doubleToRawLongBits}) and an {@code Object[]} of boxed
 * values otherwise (a {@code v128} result boxed as its {@link V128}).
 */
public final class FunctionType {
    private static final ConcurrentHashMap<String, FunctionType> INTERNED = new ConcurrentHashMap<>();

    private final List<ValueType> params;
    private final List<ValueType> results;
    private final String signature;
    private final MethodType methodType;

    private FunctionType(List<ValueType> params, List<ValueType> results, String signature) {
        this.params = params;
        this.results = results;
        this.signature = signature;
        this.methodType = MethodType.methodType(resultJavaType(results), javaTypes(params));
    }

    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        return parse(signature(params, results));
    }

    /** The type written as {@code params:results} in {@link ValueType#code()} letters, for example {@code "ii:l"}. */
    public static FunctionType parse(String signature) {
        FunctionType known = INTERNED.get(signature);
        if (known != null) {
            return known;
        }
        int colon = signature.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a signature: " + signature);
        }
        List<ValueType> params = decode(signature.substring(0, colon));
        List<ValueType> results = decode(signature.substring(colon + 1));
        return INTERNED.computeIfAbsent(signature, s -> new FunctionType(params, results, s));
    }

    public List<ValueType> params() {
        return params;
    }

    public List<ValueType> results() {
        return results;
    }

    /** The compact form that {@link #parse} reads. */
    public String signature() {
        return signature;
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

    private static String signature(List<ValueType> params, List<ValueType> results) {
        StringBuilder sb = new StringBuilder(params.size() + results.size() + 1);
        params.forEach(t -> sb.append(t.code()));
        sb.append(':');
        results.forEach(t -> sb.append(t.code()));
        return sb.toString();
    }

    private static List<ValueType> decode(String codes) {
        List<ValueType> out = new ArrayList<>(codes.length());
        for (int i = 0; i < codes.length(); i++) {
            out.add(ValueType.ofCode(codes.charAt(i)));
        }
        return List.copyOf(out);
    }

    /** The text format's notation: {@code [i32 i32] -> [i64]}. */
    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
