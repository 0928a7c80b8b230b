package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.ValueType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How types are written wherever they are stored as data: in a compiled module's metadata ({@link ModuleShape}), in
 * constants of generated code, in constant expressions and instruction immediates. The tags are the WebAssembly
 * binary format's own type codes, so they are fixed by the spec and never depend on the order of a Java enum.
 *
 * <p>In a stream, a value type is its code byte ({@code 0x7F} i32 ... {@code 0x7B} v128); a reference is
 * {@code 0x64} (non-null) or {@code 0x63} (nullable) followed by its heap type: the heap type's code byte
 * ({@code 0x70} func, {@code 0x6F} extern ...); for a concrete one, {@code 0x60} (the binary format's code of a
 * function type) and the function type it defines, so that it means the same in any module, or {@code 0x00} and the
 * type index as an int where that type is not known.
 * An absent type is the single byte {@code 0x00}. A function type is the count and types of its parameters, then
 * the same of its results.
 *
 * <p>As one number ({@link #pack}), always {@code >= 0}: the code byte in bits 0-7, the heap type's code in bits
 * 8-15 and a concrete type index from bit 16 on.
 */
public final class TypeCodec {
    public static final int I32 = 0x7F;
    public static final int I64 = 0x7E;
    public static final int F32 = 0x7D;
    public static final int F64 = 0x7C;
    public static final int V128 = 0x7B;
    public static final int REF = 0x64;
    public static final int REF_NULL = 0x63;
    /** An absent value type in a stream; a concrete heap type's code. */
    public static final int NONE = 0x00;
    /** In a stream, a concrete heap type followed by the function type it defines. */
    public static final int FUNCTION = 0x60;
    /** A concrete heap type that a struct type defines (the binary format's code of struct types), then its index. */
    public static final int STRUCT = 0x5F;
    /** A concrete heap type that an array type defines, then its index. */
    public static final int ARRAY = 0x5E;

    private static final int[] HEAP_CODES = new int[HeapType.Kind.values().length];

    static {
        for (HeapType.Kind kind : HeapType.Kind.values()) {
            HEAP_CODES[kind.ordinal()] = switch (kind) {
                case NOEXN -> 0x74;
                case NOFUNC -> 0x73;
                case NOEXTERN -> 0x72;
                case NONE -> 0x71;
                case FUNC -> 0x70;
                case EXTERN -> 0x6F;
                case ANY -> 0x6E;
                case EQ -> 0x6D;
                case I31 -> 0x6C;
                case STRUCT -> 0x6B;
                case ARRAY -> 0x6A;
                case EXN -> 0x69;
                case CONCRETE -> NONE;
            };
        }
    }

    private TypeCodec() {}

    /** The binary format's code of a value type: {@link #I32} ... {@link #REF} or {@link #REF_NULL}. */
    public static int code(ValueType t) {
        return switch (t.kind()) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            case REF -> t.nullable() ? REF_NULL : REF;
        };
    }

    /**
     * The binary format's code of an abstract heap type ({@code 0x70} for func); for a concrete one {@link #NONE}, or
     * {@link #STRUCT} or {@link #ARRAY} when a struct or array type defines it.
     */
    public static int code(HeapType h) {
        if (h.isConcrete()) {
            return switch (h.definition()) {
                case STRUCT -> STRUCT;
                case ARRAY -> ARRAY;
                default -> NONE;
            };
        }
        return HEAP_CODES[h.kind().ordinal()];
    }

    /** A concrete heap type of index {@code typeIndex} whose code ({@link #code(HeapType)}) is {@code code}. */
    private static HeapType concrete(int code, int typeIndex) {
        return HeapType.concrete(typeIndex, code == STRUCT ? HeapType.Kind.STRUCT
                : code == ARRAY ? HeapType.Kind.ARRAY : HeapType.Kind.FUNC);
    }

    private static boolean isConcrete(int code) {
        return code == NONE || code == STRUCT || code == ARRAY;
    }

    /** The abstract heap type of binary code {@code code}. */
    public static HeapType heapTypeOfCode(int code) {
        for (HeapType.Kind kind : HeapType.Kind.values()) {
            if (kind != HeapType.Kind.CONCRETE && HEAP_CODES[kind.ordinal()] == code) {
                return HeapType.of(kind);
            }
        }
        throw new IllegalArgumentException("no heap type has code 0x" + Integer.toHexString(code));
    }

    /** The number or vector type of binary code {@code code} (references need their heap type: see {@link #unpack}). */
    public static ValueType numericOfCode(int code) {
        return switch (code) {
            case I32 -> ValueType.I32;
            case I64 -> ValueType.I64;
            case F32 -> ValueType.F32;
            case F64 -> ValueType.F64;
            case V128 -> ValueType.V128;
            default -> throw new IllegalArgumentException("no number or vector type has code 0x"
                    + Integer.toHexString(code));
        };
    }

    // ---- as one number -------------------------------------------------------------------------------------------

    /** A heap type as one number {@code >= 0}: its code, or its type index shifted left by 8. */
    public static long pack(HeapType h) {
        return h.isConcrete() ? (long) h.typeIndex() << 8 | code(h) : code(h);
    }

    public static HeapType unpackHeapType(long packed) {
        int code = (int) (packed & 0xFF);
        return isConcrete(code) ? concrete(code, Math.toIntExact(packed >>> 8)) : heapTypeOfCode(code);
    }

    /** A value type as one number {@code >= 0} (see the class comment). */
    public static long pack(ValueType t) {
        long code = code(t);
        return t.isReference() ? code | pack(t.heapType()) << 8 : code;
    }

    public static ValueType unpack(long packed) {
        if (packed < 0) {
            throw new IllegalArgumentException("not a packed value type: " + packed);
        }
        int code = (int) (packed & 0xFF);
        if (code == REF || code == REF_NULL) {
            return ValueType.ref(unpackHeapType(packed >>> 8), code == REF_NULL);
        }
        return numericOfCode(code);
    }

    // ---- in a stream ---------------------------------------------------------------------------------------------

    /** Writes {@code t}, which may be null. */
    public static void write(DataOutput out, ValueType t) throws IOException {
        if (t == null) {
            out.writeByte(NONE);
            return;
        }
        out.writeByte(code(t));
        if (t.isReference()) {
            HeapType h = t.heapType();
            if (h.function() != null) {
                out.writeByte(FUNCTION);
                write(out, h.function());
                return;
            }
            out.writeByte(code(h));
            if (h.isConcrete()) {
                out.writeInt(h.typeIndex());
            }
        }
    }

    /** Reads what {@link #write(DataOutput, ValueType)} wrote: a value type, or null. */
    public static ValueType readValueType(DataInput in) throws IOException {
        int code = in.readUnsignedByte();
        try {
            if (code == NONE) {
                return null;
            }
            if (code != REF && code != REF_NULL) {
                return numericOfCode(code);
            }
            int heap = in.readUnsignedByte();
            HeapType h = heap == FUNCTION ? HeapType.function(-1, readFunctionType(in))
                    : isConcrete(heap) ? concrete(heap, in.readInt()) : heapTypeOfCode(heap);
            return ValueType.ref(h, code == REF_NULL);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public static void write(DataOutput out, FunctionType t) throws IOException {
        writeAll(out, t.params());
        writeAll(out, t.results());
    }

    public static FunctionType readFunctionType(DataInput in) throws IOException {
        List<ValueType> params = readAll(in);
        return FunctionType.of(params, readAll(in));
    }

    private static void writeAll(DataOutput out, List<ValueType> types) throws IOException {
        out.writeInt(types.size());
        for (ValueType t : types) {
            write(out, t);
        }
    }

    private static List<ValueType> readAll(DataInput in) throws IOException {
        int n = in.readInt();
        List<ValueType> types = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            ValueType t = readValueType(in);
            if (t == null) {
                throw new IOException("a function type lists an absent value type");
            }
            types.add(t);
        }
        return types;
    }

    // ---- as a string constant of generated code ------------------------------------------------------------------

    /** {@code t} as a string of chars 0-255 (its stream form, one char per byte), for an {@code ldc} constant. */
    public static String toConstant(FunctionType t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The function type of a constant that {@link #toConstant} made; generated code calls this once per type. */
    public static FunctionType functionType(String constant) {
        try {
            return readFunctionType(new DataInputStream(
                    new ByteArrayInputStream(constant.getBytes(StandardCharsets.ISO_8859_1))));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a function type constant: " + e.getMessage(), e);
        }
    }
}
