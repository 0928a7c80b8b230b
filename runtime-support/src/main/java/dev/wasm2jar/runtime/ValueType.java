package dev.wasm2jar.runtime;

/**
 * The value types of WebAssembly 2.0, and the JVM type each one is carried as.
 *
 * <p>Numbers travel as JVM primitives with their exact bits; {@code funcref} as a {@link WasmFunction} (or null);
 * {@code externref} as any Java object (or null); {@code v128} as a {@link V128} at method boundaries (compiled code
 * keeps vectors in JVM locals inside a function).
 */
public enum ValueType {
    I32('i', int.class),
    I64('l', long.class),
    F32('f', float.class),
    F64('d', double.class),
    V128('v', V128.class),
    FUNCREF('F', WasmFunction.class),
    EXTERNREF('E', Object.class);

    private final char code;
    private final Class<?> javaType;

    ValueType(char code, Class<?> javaType) {
        this.code = code;
        this.javaType = javaType;
    }

    /** The JVM type that carries values of this type in compiled code and in method handles. */
    public Class<?> javaType() {
        return javaType;
    }

    /** One character naming this type in compact signatures such as {@code "il:d"}. */
    public char code() {
        return code;
    }

    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** The type named by {@link #code()}. */
    public static ValueType ofCode(char code) {
        for (ValueType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("no value type has code '" + code + "'");
    }

    /** The name the text format uses: {@code i32}, {@code funcref} ... */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
