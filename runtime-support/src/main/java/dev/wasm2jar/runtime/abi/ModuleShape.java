package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a compiled module except its code: what the runtime needs to link and instantiate it. The compiler
 * writes it as the resource {@code <ClassName>.wasm2jar} beside the module's class ({@link #write}); the runtime reads
 * it back ({@link #read}). Function indices count imported functions first, as in wasm.
 *
 * @param types the type section
 * @param imports in import-section order
 * @param functionTypes the type index of every function, imported and defined
 * @param functionClasses binary names of the classes holding defined functions
 * @param functionClass for each defined function, its index into {@code functionClasses}
 * @param functionMethods for each defined function, the name of its static method
 * @param functionNames for every function, its name from the name section, or null
 * @param tables defined tables
 * @param memories defined memories
 * @param globals defined globals
 * @param exports in export-section order
 * @param elements element segments
 * @param data data segments
 * @param start the start function's index, or -1
 * @param tags the type index of every defined tag (exception handling)
 */
public record ModuleShape(
        List<FunctionType> types,
        List<Import> imports,
        int[] functionTypes,
        List<String> functionClasses,
        int[] functionClass,
        String[] functionMethods,
        String[] functionNames,
        List<TableType> tables,
        List<Limits> memories,
        List<GlobalType> globals,
        List<Export> exports,
        List<ElementSegment> elements,
        List<DataSegment> data,
        int start,
        int[] tags) {

    private static final int MAGIC = 0x7761736d; // "wasm"
    /**
     * The format's version. 1: value types by enum ordinal, function types as letters. 2: every enum-like value by an
     * explicit tag (types by {@link TypeCodec}, the rest below), so reordering a Java enum never changes a jar. 3: the
     * exception tags a module defines, after everything else.
     */
    static final int VERSION = 3;

    /**
     * Sizes in pages (memories) or elements (tables); {@code max} is -1 when absent. {@code address64}: a memory or
     * table of 64-bit addresses (memory64).
     */
    public record Limits(long min, long max, boolean address64) {
        /** Limits of a memory or table of 32-bit addresses. */
        public Limits(long min, long max) {
            this(min, max, false);
        }
    }

    /**
     * An import. {@code typeIndex} is set for functions and tags; {@code valueType} for tables (element) and globals.
     */
    public record Import(String module, String name, ExternKind kind, int typeIndex, ValueType valueType,
            boolean mutable, Limits limits) {}

    /** A defined table: its element type, its limits, and the value new elements take. */
    public record TableType(ValueType elementType, Limits limits, ConstExpr init) {}

    /** A defined global: its type, whether it is mutable, and its initial value. */
    public record GlobalType(ValueType type, boolean mutable, ConstExpr init) {}

    /** An export: its name, and the function, table, memory or global of that index it exports. */
    public record Export(String name, ExternKind kind, int index) {}

    /** How a segment is used: copied at instantiation (active), on request (passive), or only declared. */
    public enum SegmentMode { ACTIVE, PASSIVE, DECLARATIVE }

    /** {@code table} and {@code offset} matter for active segments only. */
    public record ElementSegment(SegmentMode mode, int table, ConstExpr offset, ValueType type, List<ConstExpr> items) {}

    /** A data segment; {@code memory} and {@code offset} matter for active segments only. */
    public record DataSegment(SegmentMode mode, int memory, ConstExpr offset, byte[] bytes) {}

    public int importedFunctionCount() {
        return (int) imports.stream().filter(i -> i.kind() == ExternKind.FUNCTION).count();
    }

    public FunctionType functionType(int functionIndex) {
        return types.get(functionTypes[functionIndex]);
    }

    // ---- serialization -------------------------------------------------------------------------------------------

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ModuleShape fromBytes(byte[] bytes) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(types.size());
        for (FunctionType t : types) {
            TypeCodec.write(out, t);
        }
        out.writeInt(imports.size());
        for (Import i : imports) {
            out.writeUTF(i.module());
            out.writeUTF(i.name());
            out.writeByte(tag(i.kind()));
            out.writeInt(i.typeIndex());
            writeType(out, i.valueType());
            out.writeBoolean(i.mutable());
            writeLimits(out, i.limits());
        }
        writeInts(out, functionTypes);
        out.writeInt(functionClasses.size());
        for (String c : functionClasses) {
            out.writeUTF(c);
        }
        writeInts(out, functionClass);
        writeStrings(out, functionMethods);
        writeStrings(out, functionNames);
        out.writeInt(tables.size());
        for (TableType t : tables) {
            writeType(out, t.elementType());
            writeLimits(out, t.limits());
            writeExpr(out, t.init());
        }
        out.writeInt(memories.size());
        for (Limits l : memories) {
            writeLimits(out, l);
        }
        out.writeInt(globals.size());
        for (GlobalType g : globals) {
            writeType(out, g.type());
            out.writeBoolean(g.mutable());
            writeExpr(out, g.init());
        }
        out.writeInt(exports.size());
        for (Export e : exports) {
            out.writeUTF(e.name());
            out.writeByte(tag(e.kind()));
            out.writeInt(e.index());
        }
        out.writeInt(elements.size());
        for (ElementSegment e : elements) {
            out.writeByte(tag(e.mode()));
            out.writeInt(e.table());
            writeExpr(out, e.offset());
            writeType(out, e.type());
            out.writeInt(e.items().size());
            for (ConstExpr item : e.items()) {
                writeExpr(out, item);
            }
        }
        out.writeInt(data.size());
        for (DataSegment d : data) {
            out.writeByte(tag(d.mode()));
            out.writeInt(d.memory());
            writeExpr(out, d.offset());
            out.writeInt(d.bytes().length);
            out.write(d.bytes());
        }
        out.writeInt(start);
        writeInts(out, tags);
    }

    public static ModuleShape read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a wasm2jar module description");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("the module's description has format version " + version + ", this runtime reads "
                    + "version " + VERSION + ": compile the module again with this wasm2jar");
        }
        List<FunctionType> types = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            types.add(TypeCodec.readFunctionType(in));
        }
        List<Import> imports = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            imports.add(new Import(in.readUTF(), in.readUTF(), externKind(in.readByte()), in.readInt(),
                    readType(in), in.readBoolean(), readLimits(in)));
        }
        int[] functionTypes = readInts(in);
        List<String> classes = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            classes.add(in.readUTF());
        }
        int[] functionClass = readInts(in);
        String[] methods = readStrings(in);
        String[] names = readStrings(in);
        List<TableType> tables = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            tables.add(new TableType(readType(in), readLimits(in), readExpr(in)));
        }
        List<Limits> memories = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            memories.add(readLimits(in));
        }
        List<GlobalType> globals = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            globals.add(new GlobalType(readType(in), in.readBoolean(), readExpr(in)));
        }
        List<Export> exports = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            exports.add(new Export(in.readUTF(), externKind(in.readByte()), in.readInt()));
        }
        List<ElementSegment> elements = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            SegmentMode mode = segmentMode(in.readByte());
            int table = in.readInt();
            ConstExpr offset = readExpr(in);
            ValueType type = readType(in);
            List<ConstExpr> items = new ArrayList<>();
            for (int k = in.readInt(); k > 0; k--) {
                items.add(readExpr(in));
            }
            elements.add(new ElementSegment(mode, table, offset, type, items));
        }
        List<DataSegment> data = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            SegmentMode mode = segmentMode(in.readByte());
            int memory = in.readInt();
            ConstExpr offset = readExpr(in);
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            data.add(new DataSegment(mode, memory, offset, bytes));
        }
        int start = in.readInt();
        int[] tags = readInts(in);
        return new ModuleShape(types, imports, functionTypes, classes, functionClass, methods, names, tables,
                memories, globals, exports, elements, data, start, tags);
    }

    /** The binary format's external kinds: 0 function, 1 table, 2 memory, 3 global, 4 tag. */
    private static int tag(ExternKind kind) {
        return switch (kind) {
            case FUNCTION -> 0;
            case TABLE -> 1;
            case MEMORY -> 2;
            case GLOBAL -> 3;
            case TAG -> 4;
        };
    }

    private static ExternKind externKind(int tag) throws IOException {
        return switch (tag) {
            case 0 -> ExternKind.FUNCTION;
            case 1 -> ExternKind.TABLE;
            case 2 -> ExternKind.MEMORY;
            case 3 -> ExternKind.GLOBAL;
            case 4 -> ExternKind.TAG;
            default -> throw new IOException("unknown extern kind tag " + tag);
        };
    }

    private static int tag(SegmentMode mode) {
        return switch (mode) {
            case ACTIVE -> 0;
            case PASSIVE -> 1;
            case DECLARATIVE -> 2;
        };
    }

    private static SegmentMode segmentMode(int tag) throws IOException {
        return switch (tag) {
            case 0 -> SegmentMode.ACTIVE;
            case 1 -> SegmentMode.PASSIVE;
            case 2 -> SegmentMode.DECLARATIVE;
            default -> throw new IOException("unknown segment mode tag " + tag);
        };
    }

    private static void writeType(DataOutputStream out, ValueType t) throws IOException {
        TypeCodec.write(out, t);
    }

    private static ValueType readType(DataInputStream in) throws IOException {
        return TypeCodec.readValueType(in);
    }

    /** Absent, present, or present and 64-bit: 0, 1 or 2 (so 32-bit limits are written as format 2 always was). */
    private static void writeLimits(DataOutputStream out, Limits l) throws IOException {
        out.writeByte(l == null ? 0 : l.address64() ? 2 : 1);
        if (l != null) {
            out.writeLong(l.min());
            out.writeLong(l.max());
        }
    }

    private static Limits readLimits(DataInputStream in) throws IOException {
        int present = in.readByte();
        return present == 0 ? null : new Limits(in.readLong(), in.readLong(), present == 2);
    }

    private static void writeExpr(DataOutputStream out, ConstExpr e) throws IOException {
        if (e == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(e.ops().length);
        out.write(e.ops());
        for (long a : e.args()) {
            out.writeLong(a);
        }
    }

    private static ConstExpr readExpr(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] ops = new byte[n];
        in.readFully(ops);
        for (byte op : ops) {
            if (!ConstExpr.isOp(op)) {
                throw new IOException("unknown constant expression operation tag " + op);
            }
        }
        long[] args = new long[n];
        for (int i = 0; i < n; i++) {
            args[i] = in.readLong();
        }
        return new ConstExpr(ops, args);
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeStrings(DataOutputStream out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String v : values) {
            out.writeBoolean(v != null);
            if (v != null) {
                out.writeUTF(v);
            }
        }
    }

    private static String[] readStrings(DataInputStream in) throws IOException {
        String[] values = new String[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readBoolean() ? in.readUTF() : null;
        }
        return values;
    }
}
