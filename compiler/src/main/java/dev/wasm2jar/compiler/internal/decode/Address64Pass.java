package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.WasmEncoding;

/**
 * One pass of {@link Address64} over a module's sections, writing the lowered copy: the declarations (limits, segment
 * offsets), or the code, whose bodies {@link Address64Body} lowers.
 */
final class Address64Pass {
    private static final int IMPORT_SECTION = 2;
    private static final int TABLE_SECTION = 4;
    private static final int MEMORY_SECTION = 5;
    private static final int ELEMENT_SECTION = 9;
    private static final int CODE_SECTION = 10;
    private static final int DATA_SECTION = 11;
    private static final int LIMITS_MAX = 0x01;
    private static final int LIMITS_64 = 0x04;
    /** The most pages a 32-bit memory has (4 GiB), and the most a 64-bit one has (2^48, 16 EiB). */
    private static final long MAX_PAGES_32 = 65536;
    private static final long MAX_PAGES_64 = 1L << 48;
    /** What the copy declares at most for a table: Endive refuses more ({@code TableLimits.LIMIT_MAX}). */
    private static final long ENDIVE_TABLE_MAX = 10_000_000;
    private static final byte[] ZERO_OFFSET = {0x41, 0x00, 0x0B};

    final byte[] wasm;
    /** The state the first pass (declarations) leaves for the second (code). */
    final Address64Pass declarations;
    int at;
    ByteArrayOutputStream out;

    final List<ModuleShape.Limits> memories = new ArrayList<>();
    final List<ModuleShape.Limits> tables = new ArrayList<>();
    /** Each table's element type, as its bytes: the type of a scratch local for its elements. */
    final List<byte[]> tableElements = new ArrayList<>();
    final Map<Integer, ConstExpr> dataOffsets = new HashMap<>();
    final Map<Integer, ConstExpr> elementOffsets = new HashMap<>();
    final Map<Integer, Integer> original = new HashMap<>();
    final Map<Integer, Long> offsets = new HashMap<>();
    final List<Integer> added = new ArrayList<>();
    int[] parameters;
    /** How far the code section moved in the first pass. */
    int codeDelta;

    Address64Pass(byte[] wasm, Address64Pass declarations) {
        this.wasm = wasm;
        this.declarations = declarations;
    }

    int[] addedLocals() {
        return added.stream().mapToInt(Integer::intValue).toArray();
    }

    static int codeStart(byte[] wasm) {
        return Sections.read(wasm).codeStart;
    }

    /** The copy: the declarations lowered, or ({@code code}) the code section lowered and the rest as it is. */
    byte[] rewrite(boolean code) {
        out = new ByteArrayOutputStream(wasm.length + 64);
        out.write(wasm, 0, 8);
        at = 8;
        while (at < wasm.length) {
            int idAt = at;
            int id = wasm[at++] & 0xFF;
            long size = u32();
            int start = at;
            int end = Math.addExact(at, (int) size);
            if (end > wasm.length) {
                throw new MalformedException("section size mismatch");
            }
            ByteArrayOutputStream section = new ByteArrayOutputStream((int) size + 16);
            ByteArrayOutputStream outer = out;
            out = section;
            boolean rewritten = true;
            if (code) {
                if (id == CODE_SECTION) {
                    codeSection();
                } else {
                    rewritten = false;
                }
            } else {
                switch (id) {
                    case IMPORT_SECTION -> importSection();
                    case TABLE_SECTION -> tableSection();
                    case MEMORY_SECTION -> memorySection();
                    case ELEMENT_SECTION -> elementSection();
                    case DATA_SECTION -> dataSection();
                    default -> rewritten = false;
                }
            }
            out = outer;
            if (rewritten) {
                if (at != end) {
                    throw new MalformedException("section size mismatch");
                }
                out.write(id);
                writeU(section.size());
                int contentStart = out.size();
                out.writeBytes(section.toByteArray());
                for (long[] k : pending) {
                    original.put(contentStart + (int) k[0], (int) k[1]);
                    if (k[2] != 0) {
                        offsets.put(contentStart + (int) k[0], k[3]);
                    }
                }
                pending.clear();
            } else {
                out.write(wasm, idAt, end - idAt); // as it is, down to the encoding of its size
            }
            at = end;
        }
        return out.toByteArray();
    }

    // ---- declarations ----------------------------------------------------------------------------------------

    private void importSection() {
        long n = copyU32();
        for (long i = 0; i < n; i++) {
            copyName();
            copyName();
            int kind = wasm[at++] & 0xFF;
            out.write(kind);
            switch (kind) {
                case 0 -> copyU32();
                case 1 -> {
                    tableElements.add(copyValueType());
                    tables.add(tableLimits());
                }
                case 2 -> memories.add(memoryLimits());
                case 3 -> {
                    copyValueType();
                    copyByte();
                }
                case 4 -> {
                    copyByte();
                    copyU32();
                }
                default -> throw new MalformedException("malformed import kind");
            }
        }
    }

    private void tableSection() {
        long n = copyU32();
        for (long i = 0; i < n; i++) {
            boolean initialized = (wasm[at] & 0xFF) == 0x40;
            if (initialized) {
                copyByte();
                copyByte();
            }
            tableElements.add(copyValueType());
            tables.add(tableLimits());
            if (initialized) {
                copyExpression();
            }
        }
    }

    private void memorySection() {
        long n = copyU32();
        for (long i = 0; i < n; i++) {
            memories.add(memoryLimits());
        }
    }

    private ModuleShape.Limits memoryLimits() {
        int flags = wasm[at++] & 0xFF;
        if ((flags & ~0x07) != 0) {
            throw new MalformedException("malformed limits flags");
        }
        long min = u64();
        boolean hasMax = (flags & LIMITS_MAX) != 0;
        long max = hasMax ? u64() : -1;
        boolean wide = (flags & LIMITS_64) != 0;
        long most = wide ? MAX_PAGES_64 : MAX_PAGES_32;
        if (Long.compareUnsigned(min, most) > 0 || (hasMax && Long.compareUnsigned(max, most) > 0)) {
            throw new InvalidException(wide ? "memory size must be at most 2^48 pages (16 EiB)"
                    : "memory size must be at most 65536 pages (4GiB)");
        }
        if (hasMax && min > max) {
            throw new InvalidException("size minimum must not be greater than maximum");
        }
        out.write(flags & ~LIMITS_64);
        writeU(Math.min(min, MAX_PAGES_32));
        if (hasMax) {
            writeU(Math.min(max, MAX_PAGES_32));
        }
        // A 32-bit maximum of 65536 pages is none, as EndiveDecoder reads Endive's limits.
        long declaredMax = !hasMax || (!wide && max >= MAX_PAGES_32) ? -1 : max;
        return new ModuleShape.Limits(min, declaredMax, wide);
    }

    private ModuleShape.Limits tableLimits() {
        int flags = wasm[at++] & 0xFF;
        if ((flags & ~0x07) != 0) {
            throw new MalformedException("malformed limits flags");
        }
        long min = u64();
        boolean hasMax = (flags & LIMITS_MAX) != 0;
        long max = hasMax ? u64() : -1;
        boolean wide = (flags & LIMITS_64) != 0;
        if (!wide && (Long.compareUnsigned(min, 0xFFFF_FFFFL) > 0
                || (hasMax && Long.compareUnsigned(max, 0xFFFF_FFFFL) > 0))) {
            throw new InvalidException("table size must be at most 2^32-1");
        }
        if (hasMax && Long.compareUnsigned(min, max) > 0) {
            throw new InvalidException("size minimum must not be greater than maximum");
        }
        out.write(flags & ~LIMITS_64);
        writeU(Long.compareUnsigned(min, ENDIVE_TABLE_MAX) > 0 ? ENDIVE_TABLE_MAX : min);
        if (hasMax) {
            writeU(Long.compareUnsigned(max, ENDIVE_TABLE_MAX) > 0 ? ENDIVE_TABLE_MAX : max);
        }
        // Sizes past 2^63 are as good as none on the JVM.
        return new ModuleShape.Limits(min < 0 ? Long.MAX_VALUE : min, !hasMax ? -1 : max < 0 ? Long.MAX_VALUE
                : max, wide);
    }

    private void elementSection() {
        long n = copyU32();
        for (int i = 0; i < n; i++) {
            int flags = (int) copyU32();
            int table = 0;
            if ((flags & 0x03) == 2) {
                table = (int) copyU32();
            }
            if ((flags & 0x01) == 0) {
                offset(table < tables.size() && tables.get(table).address64(), elementOffsets, i);
            }
            boolean expressions = (flags & 0x04) != 0;
            if ((flags & 0x03) != 0) {
                if (expressions) {
                    copyValueType();
                } else {
                    copyByte(); // the element kind
                }
            }
            long items = copyU32();
            for (long k = 0; k < items; k++) {
                if (expressions) {
                    copyExpression();
                } else {
                    copyU32();
                }
            }
        }
    }

    private void dataSection() {
        long n = copyU32();
        for (int i = 0; i < n; i++) {
            int flags = (int) copyU32();
            int memory = flags == 2 ? (int) copyU32() : 0;
            if (flags != 1) {
                offset(memory < memories.size() && memories.get(memory).address64(), dataOffsets, i);
            }
            long length = copyU32();
            copyBytes((int) length);
        }
    }

    /** A segment's offset expression: into a 64-bit memory or table, kept aside and {@code i32.const 0} here. */
    private void offset(boolean wide, Map<Integer, ConstExpr> kept, int segment) {
        if (!wide) {
            copyExpression();
            return;
        }
        kept.put(segment, constExpr());
        out.writeBytes(ZERO_OFFSET);
    }

    /** A constant expression of numbers and globals, the kind a segment's offset is. */
    private ConstExpr constExpr() {
        ByteArrayOutputStream ops = new ByteArrayOutputStream();
        List<Long> args = new ArrayList<>();
        while (true) {
            int code = wasm[at++] & 0xFF;
            long arg = 0;
            byte op = switch (code) {
                case 0x0B -> 0;
                case 0x41 -> {
                    arg = (int) s64();
                    yield ConstExpr.I32_CONST;
                }
                case 0x42 -> {
                    arg = s64();
                    yield ConstExpr.I64_CONST;
                }
                case 0x23 -> {
                    arg = u32();
                    yield ConstExpr.GLOBAL_GET;
                }
                case 0x6A -> ConstExpr.I32_ADD;
                case 0x6B -> ConstExpr.I32_SUB;
                case 0x6C -> ConstExpr.I32_MUL;
                case 0x7C -> ConstExpr.I64_ADD;
                case 0x7D -> ConstExpr.I64_SUB;
                case 0x7E -> ConstExpr.I64_MUL;
                default -> throw new InvalidException("constant expression required");
            };
            if (code == 0x0B) {
                break;
            }
            ops.write(op);
            args.add(arg);
        }
        return new ConstExpr(ops.toByteArray(), args.stream().mapToLong(Long::longValue).toArray());
    }

    // ---- code --------------------------------------------------------------------------------------------------

    /** Lowers every body into the section's content ({@link #out}). */
    private void codeSection() {
        long n = copyU32();
        for (int i = 0; i < n; i++) {
            int length = (int) u32();
            int end = Math.addExact(at, length);
            if (length < 0 || end > wasm.length) {
                throw new MalformedException("section size mismatch");
            }
            ByteArrayOutputStream section = out;
            out = new ByteArrayOutputStream(length + 16);
            Address64Body body = new Address64Body(this, i, end);
            byte[] lowered = body.lower();
            out = section;
            body.place(lowered);
            added.add(body.scratchLocals());
        }
    }


    /** What {@link Address64Body} records of each kept instruction until the section's place in the copy is known. */
    final List<long[]> pending = new ArrayList<>();

    // ---- reading and writing -------------------------------------------------------------------------------

    void skipImmediates(int code, int sub) {
        int op = sub < 0 ? code : (code << 8) + sub;
        OpCode opCode = OpCode.byOpCode(op);
        if (opCode == null) {
            throw new MalformedException("illegal opcode");
        }
        if (opCode == OpCode.DROP || opCode == OpCode.SELECT) {
            return;
        }
        for (WasmEncoding e : OpCode.signature(opCode)) {
            at = Immediates.skip(wasm, at, e);
        }
    }

    /** Copies a constant expression up to its {@code end}. */
    private void copyExpression() {
        int start = at;
        int depth = 0;
        while (true) {
            int code = wasm[at++] & 0xFF;
            if (code == 0x0B) {
                if (depth == 0) {
                    break;
                }
                depth--;
                continue;
            }
            int sub = -1;
            if (code >= 0xFB && code <= 0xFE) {
                sub = (int) u32();
            }
            if (code == 0x02 || code == 0x03 || code == 0x04) {
                depth++;
            }
            skipImmediates(code, sub);
        }
        out.write(wasm, start, at - start);
    }

    private byte[] copyValueType() {
        int start = at;
        skipValueType();
        byte[] type = Arrays.copyOfRange(wasm, start, at);
        out.writeBytes(type);
        return type;
    }

    void skipValueType() {
        int code = wasm[at++] & 0xFF;
        if (code == 0x63 || code == 0x64) {
            skipLeb();
        }
    }

    private void copyName() {
        long length = copyU32();
        copyBytes((int) length);
    }

    private void copyBytes(int length) {
        if (length < 0 || length > wasm.length - at) {
            throw new MalformedException("unexpected end");
        }
        out.write(wasm, at, length);
        at += length;
    }

    private void copyByte() {
        out.write(wasm[at++]);
    }

    private long copyU32() {
        int start = at;
        long value = u32();
        out.write(wasm, start, at - start);
        return value;
    }

    long u32() {
        long value = u64();
        if (value >>> 32 != 0) {
            throw new MalformedException("integer too large");
        }
        return value;
    }

    long u64() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = wasm[at++] & 0xFF;
            if (shift == 63 && (b & 0x7E) != 0) {
                throw new MalformedException("integer too large"); // bits past the 64th
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            if (shift >= 63) {
                throw new MalformedException("integer representation too long");
            }
        }
    }

    private long s64() {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = wasm[at++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 70);
        if (shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    private void skipLeb() {
        for (int n = 0; (wasm[at++] & 0x80) != 0; n++) {
            if (n >= 10) {
                throw new MalformedException("integer representation too long");
            }
        }
    }

    /** Where the LEB128 number at {@code from} ends. */
    int skipU(int from) {
        int p = from;
        while ((wasm[p] & 0x80) != 0) {
            p++;
        }
        return p + 1;
    }

    void writeU(long value) {
        writeU(out, value);
    }

    static void writeU(ByteArrayOutputStream to, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            to.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}
