package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.WasmEncoding;

/**
 * memory64 for Endive, which decodes memories and tables of 32-bit addresses only, and their limits and static offsets
 * as u32. The decoder gives it a lowered copy of the module instead: every 64-bit memory and table declared as a
 * 32-bit one (limits clamped to what Endive accepts), the offsets of segments into them {@code i32.const 0}, static
 * offsets of accesses to them 0, and every instruction that takes one of their addresses, indices or sizes wrapped in
 * conversions ({@code i32.wrap_i64} before, {@code i64.extend_i32_u} after, operands under the top parked in scratch
 * locals added to the body), so that Endive validates exactly the typing memory64 asks for. The decoder then reads the
 * module back through {@link Lowered}: the true limits, offsets and segment offsets, each kept instruction's offset in
 * the module, and which instructions and locals were added, to drop them.
 *
 * <p>A module with no 64-bit memory or table is lowered only after Endive refused it, for the u64 encodings that 3.0
 * allows for 32-bit ones too: static offsets and limits in more than 5 bytes (and those out of range, which are
 * invalid, not malformed). Nothing of this runs for other modules.
 */
final class Address64 {
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

    private static final byte I32_WRAP_I64 = (byte) 0xA7;
    private static final byte I64_EXTEND_I32_U = (byte) 0xAD;
    private static final byte LOCAL_GET = 0x20;
    private static final byte LOCAL_SET = 0x21;
    private static final byte[] I32 = {0x7F};
    private static final byte[] I64 = {0x7E};
    private static final byte[] ZERO_OFFSET = {0x41, 0x00, 0x0B};

    /**
     * The lowered module and how to read it back.
     *
     * @param wasm what Endive decodes
     * @param original per instruction Endive will find in the copy's code, its offset in the module; instructions
     *     the lowering added are absent
     * @param offsets per access to a 64-bit memory (by its offset in the copy), its true static offset
     * @param addedLocals per defined function, how many scratch locals its body got at the end
     * @param memories the limits of every memory, imported ones first
     * @param tables the limits of every table, imported ones first
     * @param dataOffsets per active data segment into a 64-bit memory, its offset expression
     * @param elementOffsets per active element segment into a 64-bit table, its offset expression
     */
    record Lowered(byte[] wasm, Map<Integer, Integer> original, Map<Integer, Long> offsets, int[] addedLocals,
            List<ModuleShape.Limits> memories, List<ModuleShape.Limits> tables, Map<Integer, ConstExpr> dataOffsets,
            Map<Integer, ConstExpr> elementOffsets) {

        /** The offset in the module of the instruction Endive decoded at {@code copyOffset}; -1 when it was added. */
        int originalOffset(int copyOffset) {
            Integer at = original.get(copyOffset);
            return at == null ? -1 : at;
        }
    }

    private Address64() {}

    /**
     * The module lowered, when it declares a 64-bit memory or table; else null, and null too when it is too broken to
     * lower in a way of its own (Endive then says what is wrong).
     *
     * @throws InvalidException for a limit or static offset out of range
     * @throws MalformedException for an integer or a section that the binary format does not allow
     */
    static Lowered lowerIfNeeded(byte[] wasm) {
        if (BinaryPrescan.sixtyFourBitLimits(wasm) == null) {
            return null;
        }
        try {
            return lower(wasm);
        } catch (InvalidException | MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The module lowered, or null when that changes nothing (so it was not a u64 encoding that Endive refused).
     *
     * @throws InvalidException for a limit or static offset out of range
     */
    static Lowered lowerAfterRefusal(byte[] wasm) {
        Lowered lowered;
        try {
            lowered = lower(wasm);
        } catch (InvalidException e) {
            throw e;
        } catch (RuntimeException e) {
            return null; // malformed otherwise: Endive's error stands
        }
        return Arrays.equals(lowered.wasm, wasm) ? null : lowered;
    }

    private static Lowered lower(byte[] wasm) {
        Module module = new Module(wasm, null);
        byte[] declared = module.rewrite(false);
        module.parameters = parameterCounts(declared);
        module.codeDelta = Module.codeStart(declared) - Module.codeStart(wasm);
        Module code = new Module(declared, module);
        byte[] lowered = code.rewrite(true);
        return new Lowered(lowered, code.original, code.offsets, code.addedLocals(), module.memories,
                module.tables, module.dataOffsets, module.elementOffsets);
    }

    /**
     * The offsets of segments into 64-bit memories and tables, which Endive saw as {@code i32.const 0}: constant
     * expressions of type i64 over the {@code globals}.
     */
    static void checkOffsets(Lowered lowered, List<ValueType> globals) {
        for (ConstExpr e : lowered.dataOffsets().values()) {
            checkI64(e, globals);
        }
        for (ConstExpr e : lowered.elementOffsets().values()) {
            checkI64(e, globals);
        }
    }

    private static void checkI64(ConstExpr e, List<ValueType> globals) {
        java.util.ArrayDeque<ValueType> stack = new java.util.ArrayDeque<>();
        for (int i = 0; i < e.ops().length; i++) {
            switch (e.ops()[i]) {
                case ConstExpr.I32_CONST -> stack.push(ValueType.I32);
                case ConstExpr.I64_CONST -> stack.push(ValueType.I64);
                case ConstExpr.GLOBAL_GET -> {
                    long index = e.args()[i];
                    if (index < 0 || index >= globals.size()) {
                        throw new InvalidException("unknown global " + index);
                    }
                    stack.push(globals.get((int) index));
                }
                default -> {
                    ValueType t = switch (e.ops()[i]) {
                        case ConstExpr.I32_ADD, ConstExpr.I32_SUB, ConstExpr.I32_MUL -> ValueType.I32;
                        default -> ValueType.I64;
                    };
                    if (stack.size() < 2 || stack.pop() != t || stack.pop() != t) {
                        throw new InvalidException("type mismatch in a segment's offset");
                    }
                    stack.push(t);
                }
            }
        }
        if (stack.size() != 1 || stack.peek() != ValueType.I64) {
            throw new InvalidException("type mismatch: a segment's offset into a 64-bit memory or table is an i64");
        }
    }

    /** The parameter count of every defined function, from Endive's reading of the module with stub bodies. */
    private static int[] parameterCounts(byte[] declared) {
        Sections sections = Sections.read(declared);
        byte[] stubbed = sections.codeStart < 0 ? declared : sections.withBodies(i -> Sections.STUB);
        WasmModule m = Parser.builder().withValidation(false).build()
                .parse(() -> new java.io.ByteArrayInputStream(stubbed));
        int[] counts = new int[m.functionSection().functionCount()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = m.typeSection().getType(m.functionSection().getFunctionType(i)).params().size();
        }
        return counts;
    }

    /** One pass over a module's sections, writing the copy. */
    private static final class Module {
        private final byte[] wasm;
        /** The state the first pass (declarations) leaves for the second (code). */
        private final Module declarations;
        private int at;
        private ByteArrayOutputStream out;

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

        Module(byte[] wasm, Module declarations) {
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
                Body body = new Body(i, end);
                byte[] lowered = body.lower();
                out = section;
                body.place(lowered);
                added.add(body.scratch.size());
            }
        }

        /** One function body: its locals, then its instructions, each copied, lowered where it must be. */
        private final class Body {
            private final int index;
            private final int end;
            private int declaredLocals;
            /** Scratch locals by role and type, in the order they were added. */
            private final Map<String, byte[]> scratch = new LinkedHashMap<>();
            private final Map<String, Integer> scratchIndex = new HashMap<>();
            /** Per instruction kept: its offset in this body's lowered bytes, and its offset in this pass's input. */
            private final List<int[]> kept = new ArrayList<>();
            private final List<long[]> keptOffsets = new ArrayList<>();

            Body(int index, int end) {
                this.index = index;
                this.end = end;
            }

            byte[] lower() {
                int groupsAt = at;
                long groups = u32();
                long locals = 0;
                for (long g = 0; g < groups; g++) {
                    locals += u32();
                    skipValueType();
                }
                declaredLocals = (int) Math.min(locals, Integer.MAX_VALUE);
                int instructionsAt = at;
                ByteArrayOutputStream code = out;
                while (at < end) {
                    instruction(code);
                }
                if (at != end) {
                    throw new MalformedException("section size mismatch");
                }
                // The locals: the declared groups, then one group per scratch local.
                ByteArrayOutputStream whole = new ByteArrayOutputStream(code.size() + 16);
                out = whole;
                writeU(groups + scratch.size());
                out.write(wasm, skipU(groupsAt), instructionsAt - skipU(groupsAt));
                for (byte[] type : scratch.values()) {
                    writeU(1);
                    out.writeBytes(type);
                }
                int shift = whole.size();
                whole.writeBytes(code.toByteArray());
                for (int[] k : kept) {
                    k[0] += shift;
                }
                return whole.toByteArray();
            }

            /**
             * Writes the body with its size into the section's content, and records where its instructions landed
             * in the content and where they are in the module (the code section moved by {@code codeDelta} in the
             * first pass, and is the same there); the section's place in the copy is added once it is known.
             */
            void place(byte[] lowered) {
                writeU(lowered.length);
                int bodyStart = out.size();
                out.writeBytes(lowered);
                for (int k = 0; k < kept.size(); k++) {
                    pending.add(new long[] {bodyStart + kept.get(k)[0], kept.get(k)[1] - declarations.codeDelta,
                        keptOffsets.get(k)[0], keptOffsets.get(k)[1]});
                }
            }

            private void instruction(ByteArrayOutputStream code) {
                int start = at;
                int code0 = wasm[at++] & 0xFF;
                int sub = -1;
                if (code0 >= 0xFB && code0 <= 0xFE) {
                    sub = (int) u32();
                }
                Lowering l = lowering(code0, sub);
                if (l == null) {
                    skipImmediates(code0, sub);
                    keep(code, start, -1);
                    code.write(wasm, start, at - start);
                    return;
                }
                l.emit(code, start);
            }

            /** Records the instruction about to be written at the current end of {@code code}. */
            private void keep(ByteArrayOutputStream code, int start, long offset) {
                kept.add(new int[] {code.size(), start});
                keptOffsets.add(new long[] {offset >= 0 ? 1 : 0, offset});
            }

            private int scratch(String role, byte[] type) {
                String key = role + Arrays.toString(type);
                Integer index = scratchIndex.get(key);
                if (index == null) {
                    index = parameters()[this.index] + declaredLocals + scratch.size();
                    scratch.put(key, type);
                    scratchIndex.put(key, index);
                }
                return index;
            }

            private int[] parameters() {
                return declarations.parameters;
            }

            /** How to lower the instruction, or null when it stays as it is. */
            private Lowering lowering(int code, int sub) {
                if (code == 0xFD) {
                    return vectorAccess(sub);
                }
                if (code == 0xFC) {
                    return switch (sub) {
                        case 8 -> bulk(Kind.MEMORY_INIT);
                        case 10 -> bulk(Kind.MEMORY_COPY);
                        case 11 -> bulk(Kind.MEMORY_FILL);
                        case 12 -> bulk(Kind.TABLE_INIT);
                        case 14 -> bulk(Kind.TABLE_COPY);
                        case 15 -> bulk(Kind.TABLE_GROW);
                        case 16 -> bulk(Kind.TABLE_SIZE);
                        case 17 -> bulk(Kind.TABLE_FILL);
                        default -> null;
                    };
                }
                if (code >= 0x28 && code <= 0x35) {
                    return access(null);
                }
                if (code >= 0x36 && code <= 0x3E) {
                    return access(switch (code) {
                        case 0x36, 0x3A, 0x3B -> I32;
                        case 0x37, 0x3C, 0x3D, 0x3E -> I64;
                        case 0x38 -> new byte[] {0x7D};
                        default -> new byte[] {0x7C};
                    });
                }
                return switch (code) {
                    case 0x3F -> bulk(Kind.MEMORY_SIZE);
                    case 0x40 -> bulk(Kind.MEMORY_GROW);
                    case 0x25 -> bulk(Kind.TABLE_GET);
                    case 0x26 -> bulk(Kind.TABLE_SET);
                    case 0x11, 0x13 -> bulk(Kind.CALL_INDIRECT);
                    default -> null;
                };
            }

            private Lowering vectorAccess(int sub) {
                byte[] v128 = {0x7B};
                if ((sub >= 0 && sub <= 10) || sub == 92 || sub == 93) {
                    return access(null);
                }
                if (sub == 11) {
                    return access(v128);
                }
                if (sub >= 84 && sub <= 91) {
                    return access(v128); // lane loads and stores: [address v128], a lane byte after the memarg
                }
                return null;
            }

            /** A load ({@code value} null) or a store of a {@code value}, or a lane access. */
            private Lowering access(byte[] value) {
                return (code, start) -> {
                    int flags = (int) u32();
                    int memory = (flags & 0x40) != 0 ? (int) u32() : 0;
                    int offsetAt = at;
                    long offset = u64();
                    int offsetEnd = at;
                    boolean lane = (wasm[start] & 0xFF) == 0xFD && subOpcode(start) >= 84 && subOpcode(start) <= 91;
                    int laneByte = lane ? wasm[at++] & 0xFF : -1;
                    boolean wide = memory < memories().size() && memories().get(memory).address64();
                    if (!wide) {
                        if (Long.compareUnsigned(offset, 0xFFFF_FFFFL) > 0) {
                            throw new InvalidException("offset out of range");
                        }
                        keep(code, start, -1);
                        code.write(wasm, start, offsetAt - start);
                        writeU(code, offset);
                        code.write(wasm, offsetEnd, at - offsetEnd);
                        return;
                    }
                    if (value != null) {
                        int parked = scratch("value", value);
                        set(code, parked);
                        code.write(I32_WRAP_I64);
                        get(code, parked);
                    } else {
                        code.write(I32_WRAP_I64);
                    }
                    keep(code, start, offset);
                    code.write(wasm, start, offsetAt - start);
                    code.write(0);
                    if (laneByte >= 0) {
                        code.write(laneByte);
                    }
                };
            }

            private int subOpcode(int start) {
                int saved = at;
                at = start + 1;
                int sub = (int) u32();
                at = saved;
                return sub;
            }

            private Lowering bulk(Kind kind) {
                return (code, start) -> {
                    int[] indices = new int[2];
                    switch (kind) {
                        case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL, TABLE_GET, TABLE_SET, TABLE_GROW, TABLE_SIZE,
                                TABLE_FILL -> indices[0] = (int) u32();
                        case MEMORY_COPY, TABLE_COPY -> {
                            indices[0] = (int) u32();
                            indices[1] = (int) u32();
                        }
                        case MEMORY_INIT, TABLE_INIT -> {
                            u32();
                            indices[0] = (int) u32();
                        }
                        case CALL_INDIRECT -> {
                            u32();
                            indices[0] = (int) u32();
                        }
                    }
                    boolean memory = kind.name().startsWith("MEMORY");
                    List<ModuleShape.Limits> space = memory ? memories() : tables();
                    boolean wide = indices[0] < space.size() && space.get(indices[0]).address64();
                    boolean srcWide = (kind == Kind.MEMORY_COPY || kind == Kind.TABLE_COPY)
                            && indices[1] < space.size() && space.get(indices[1]).address64();
                    if (!wide && !srcWide) {
                        keep(code, start, -1);
                        code.write(wasm, start, at - start);
                        return;
                    }
                    byte[] element = memory || indices[0] >= tableElements().size() ? null
                            : tableElements().get(indices[0]);
                    switch (kind) {
                        case MEMORY_GROW, TABLE_GET, TABLE_GROW, CALL_INDIRECT -> code.write(I32_WRAP_I64);
                        case TABLE_SET -> {
                            int value = scratch("element", element);
                            set(code, value);
                            code.write(I32_WRAP_I64);
                            get(code, value);
                        }
                        case MEMORY_FILL, TABLE_FILL -> {
                            int length = scratch("length", I64);
                            int value = scratch("value", kind == Kind.MEMORY_FILL ? I32 : element);
                            set(code, length);
                            set(code, value);
                            code.write(I32_WRAP_I64);
                            get(code, value);
                            get(code, length);
                            code.write(I32_WRAP_I64);
                        }
                        case MEMORY_INIT, TABLE_INIT -> {
                            int length = scratch("length", I32);
                            int source = scratch("source", I32);
                            set(code, length);
                            set(code, source);
                            code.write(I32_WRAP_I64);
                            get(code, source);
                            get(code, length);
                        }
                        case MEMORY_COPY, TABLE_COPY -> {
                            byte[] lengthType = wide && srcWide ? I64 : I32;
                            int length = scratch("length", lengthType);
                            int source = scratch("source", srcWide ? I64 : I32);
                            set(code, length);
                            set(code, source);
                            if (wide) {
                                code.write(I32_WRAP_I64);
                            }
                            get(code, source);
                            if (srcWide) {
                                code.write(I32_WRAP_I64);
                            }
                            get(code, length);
                            if (wide && srcWide) {
                                code.write(I32_WRAP_I64);
                            }
                        }
                        default -> { }
                    }
                    keep(code, start, -1);
                    code.write(wasm, start, at - start);
                    if (kind == Kind.MEMORY_SIZE || kind == Kind.MEMORY_GROW || kind == Kind.TABLE_SIZE
                            || kind == Kind.TABLE_GROW) {
                        code.write(I64_EXTEND_I32_U);
                    }
                };
            }

            private List<ModuleShape.Limits> memories() {
                return declarations.memories;
            }

            private List<ModuleShape.Limits> tables() {
                return declarations.tables;
            }

            private List<byte[]> tableElements() {
                return declarations.tableElements;
            }

            private void set(ByteArrayOutputStream code, int local) {
                code.write(LOCAL_SET);
                writeU(code, local);
            }

            private void get(ByteArrayOutputStream code, int local) {
                code.write(LOCAL_GET);
                writeU(code, local);
            }
        }

        /** What {@link Body} records of each kept instruction until the section's place in the copy is known. */
        private final List<long[]> pending = new ArrayList<>();

        // ---- reading and writing -------------------------------------------------------------------------------

        private void skipImmediates(int code, int sub) {
            int op = sub < 0 ? code : (code << 8) + sub;
            OpCode opCode = OpCode.byOpCode(op);
            if (opCode == null) {
                throw new MalformedException("illegal opcode");
            }
            if (opCode == OpCode.DROP || opCode == OpCode.SELECT) {
                return;
            }
            for (WasmEncoding e : OpCode.signature(opCode)) {
                switch (e) {
                    case BYTE -> at++;
                    case VARUINT, VARSINT32, VARSINT64 -> skipLeb();
                    case FLOAT32 -> at += 4;
                    case FLOAT64 -> at += 8;
                    case V128 -> at += 16;
                    case VEC_VARUINT -> {
                        long n = u32();
                        for (long i = 0; i < n; i++) {
                            skipLeb();
                        }
                    }
                    case VEC_CATCH -> {
                        long n = u32();
                        for (long i = 0; i < n; i++) {
                            int kind = wasm[at++] & 0xFF;
                            if (kind <= 1) {
                                skipLeb();
                            }
                            skipLeb();
                        }
                    }
                    case BLOCK_TYPE -> {
                        int first = wasm[at] & 0xFF;
                        skipLeb();
                        if (first == 0x63 || first == 0x64) {
                            skipLeb();
                        }
                    }
                    case VEC_VALUE_TYPE -> {
                        long n = u32();
                        for (long i = 0; i < n; i++) {
                            skipValueType();
                        }
                    }
                    case MEMARG -> {
                        long flags = u32();
                        if ((flags & 0x40) != 0) {
                            skipLeb();
                        }
                        skipLeb();
                    }
                }
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

        private void skipValueType() {
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

        private long u32() {
            long value = u64();
            if (value >>> 32 != 0) {
                throw new MalformedException("integer too large");
            }
            return value;
        }

        private long u64() {
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
        private int skipU(int from) {
            int p = from;
            while ((wasm[p] & 0x80) != 0) {
                p++;
            }
            return p + 1;
        }

        private void writeU(long value) {
            writeU(out, value);
        }

        private static void writeU(ByteArrayOutputStream to, long value) {
            do {
                int b = (int) (value & 0x7F);
                value >>>= 7;
                to.write(value != 0 ? b | 0x80 : b);
            } while (value != 0);
        }
    }

    /** The instructions that name a memory or a table, by how they are lowered. */
    private enum Kind {
        MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL, MEMORY_COPY, MEMORY_INIT,
        TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL, TABLE_COPY, TABLE_INIT, CALL_INDIRECT
    }

    /** Writes one instruction, lowered, to {@code code}; it starts at {@code start} and its opcode is read. */
    @FunctionalInterface
    private interface Lowering {
        void emit(ByteArrayOutputStream code, int start);
    }
}
