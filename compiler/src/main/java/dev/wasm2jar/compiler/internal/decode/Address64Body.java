package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One function body lowered for {@link Address64}: its locals, then its instructions, each copied, the ones that take
 * or return an address, index or size of a 64-bit memory or table wrapped in conversions, and scratch locals for
 * their operands added at the end.
 */
final class Address64Body {
    private static final byte I32_WRAP_I64 = (byte) 0xA7;
    private static final byte I64_EXTEND_I32_U = (byte) 0xAD;
    private static final byte LOCAL_GET = 0x20;
    private static final byte LOCAL_SET = 0x21;
    private static final byte[] I32 = {0x7F};
    private static final byte[] I64 = {0x7E};

    private final Address64Pass pass;
    private final int index;
    private final int end;
    private int declaredLocals;
    /** Scratch locals by role and type, in the order they were added. */
    private final Map<String, byte[]> scratch = new LinkedHashMap<>();
    private final Map<String, Integer> scratchIndex = new HashMap<>();
    /** Per instruction kept: its offset in this body's lowered bytes, and its offset in this pass's input. */
    private final List<int[]> kept = new ArrayList<>();
    private final List<long[]> keptOffsets = new ArrayList<>();

    /** How many scratch locals the body got at its end. */
    int scratchLocals() {
        return scratch.size();
    }

    Address64Body(Address64Pass pass, int index, int end) {
        this.pass = pass;
        this.index = index;
        this.end = end;
    }

    byte[] lower() {
        int groupsAt = pass.at;
        long groups = pass.u32();
        long locals = 0;
        for (long g = 0; g < groups; g++) {
            locals += pass.u32();
            pass.skipValueType();
        }
        declaredLocals = (int) Math.min(locals, Integer.MAX_VALUE);
        int instructionsAt = pass.at;
        ByteArrayOutputStream code = pass.out;
        while (pass.at < end) {
            instruction(code);
        }
        if (pass.at != end) {
            throw new MalformedException("section size mismatch");
        }
        // The locals: the declared groups, then one group per scratch local.
        ByteArrayOutputStream whole = new ByteArrayOutputStream(code.size() + 16);
        pass.out = whole;
        pass.writeU(groups + scratch.size());
        pass.out.write(pass.wasm, pass.skipU(groupsAt), instructionsAt - pass.skipU(groupsAt));
        for (byte[] type : scratch.values()) {
            pass.writeU(1);
            pass.out.writeBytes(type);
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
        pass.writeU(lowered.length);
        int bodyStart = pass.out.size();
        pass.out.writeBytes(lowered);
        for (int k = 0; k < kept.size(); k++) {
            pass.pending.add(new long[] {bodyStart + kept.get(k)[0], kept.get(k)[1] - pass.declarations.codeDelta,
                keptOffsets.get(k)[0], keptOffsets.get(k)[1]});
        }
    }

    private void instruction(ByteArrayOutputStream code) {
        int start = pass.at;
        int code0 = pass.wasm[pass.at++] & 0xFF;
        int sub = -1;
        if (code0 >= 0xFB && code0 <= 0xFE) {
            sub = (int) pass.u32();
        }
        Lowering l = lowering(code0, sub);
        if (l == null) {
            pass.skipImmediates(code0, sub);
            keep(code, start, -1);
            code.write(pass.wasm, start, pass.at - start);
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
        return pass.declarations.parameters;
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
            int flags = (int) pass.u32();
            int memory = (flags & 0x40) != 0 ? (int) pass.u32() : 0;
            int offsetAt = pass.at;
            long offset = pass.u64();
            int offsetEnd = pass.at;
            boolean lane = (pass.wasm[start] & 0xFF) == 0xFD && subOpcode(start) >= 84 && subOpcode(start) <= 91;
            int laneByte = lane ? pass.wasm[pass.at++] & 0xFF : -1;
            boolean wide = memory < memories().size() && memories().get(memory).address64();
            if (!wide) {
                if (Long.compareUnsigned(offset, 0xFFFF_FFFFL) > 0) {
                    throw new InvalidException("offset pass.out of range");
                }
                keep(code, start, -1);
                code.write(pass.wasm, start, offsetAt - start);
                Address64Pass.writeU(code, offset);
                code.write(pass.wasm, offsetEnd, pass.at - offsetEnd);
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
            code.write(pass.wasm, start, offsetAt - start);
            code.write(0);
            if (laneByte >= 0) {
                code.write(laneByte);
            }
        };
    }

    private int subOpcode(int start) {
        int saved = pass.at;
        pass.at = start + 1;
        int sub = (int) pass.u32();
        pass.at = saved;
        return sub;
    }

    private Lowering bulk(Kind kind) {
        return (code, start) -> {
            int[] indices = new int[2];
            switch (kind) {
                case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL, TABLE_GET, TABLE_SET, TABLE_GROW, TABLE_SIZE,
                        TABLE_FILL -> indices[0] = (int) pass.u32();
                case MEMORY_COPY, TABLE_COPY -> {
                    indices[0] = (int) pass.u32();
                    indices[1] = (int) pass.u32();
                }
                case MEMORY_INIT, TABLE_INIT -> {
                    pass.u32();
                    indices[0] = (int) pass.u32();
                }
                case CALL_INDIRECT -> {
                    pass.u32();
                    indices[0] = (int) pass.u32();
                }
            }
            boolean memory = kind.name().startsWith("MEMORY");
            List<ModuleShape.Limits> space = memory ? memories() : tables();
            boolean wide = indices[0] < space.size() && space.get(indices[0]).address64();
            boolean srcWide = (kind == Kind.MEMORY_COPY || kind == Kind.TABLE_COPY)
                    && indices[1] < space.size() && space.get(indices[1]).address64();
            if (!wide && !srcWide) {
                keep(code, start, -1);
                code.write(pass.wasm, start, pass.at - start);
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
            code.write(pass.wasm, start, pass.at - start);
            if (kind == Kind.MEMORY_SIZE || kind == Kind.MEMORY_GROW || kind == Kind.TABLE_SIZE
                    || kind == Kind.TABLE_GROW) {
                code.write(I64_EXTEND_I32_U);
            }
        };
    }

    private List<ModuleShape.Limits> memories() {
        return pass.declarations.memories;
    }

    private List<ModuleShape.Limits> tables() {
        return pass.declarations.tables;
    }

    private List<byte[]> tableElements() {
        return pass.declarations.tableElements;
    }

    private void set(ByteArrayOutputStream code, int local) {
        code.write(LOCAL_SET);
        Address64Pass.writeU(code, local);
    }

    private void get(ByteArrayOutputStream code, int local) {
        code.write(LOCAL_GET);
        Address64Pass.writeU(code, local);
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
