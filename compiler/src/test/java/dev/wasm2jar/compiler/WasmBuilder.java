package dev.wasm2jar.compiler;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small binary modules for tests: one memory, functions with exports, code as raw opcodes. Enough to generate
 * giant functions without a text-format toolchain.
 */
public final class WasmBuilder {
    public static final int I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, FUNCREF = 0x70, EXTERNREF = 0x6F;

    private final List<byte[]> types = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<String> exports = new ArrayList<>();
    private final List<Integer> exported = new ArrayList<>();
    private final List<Integer> exportKinds = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private int importedFunctions;
    private final List<Integer> tags = new ArrayList<>();

    /** Imports a function of type {@code type}; returns its index. Call before adding functions. */
    public int importFunction(String module, String name, int type) {
        imports.add(new Code().raw(utf8(module)).raw(utf8(name)).u8(0).u32(type).bytes());
        return importedFunctions++;
    }

    /** Defines an exception tag of type {@code type} (no results), exported as {@code name} unless null. */
    public int tag(String name, int type) {
        tags.add(type);
        if (name != null) {
            exports.add(name);
            exported.add(tags.size() - 1);
            exportKinds.add(4);
        }
        return tags.size() - 1;
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Code().u32(bytes.length).raw(bytes).bytes();
    }

    /** Adds a type and returns its index. */
    public int type(int[] params, int[] results) {
        Code c = new Code().u8(0x60).u32(params.length);
        for (int p : params) {
            c.u8(p);
        }
        c.u32(results.length);
        for (int r : results) {
            c.u8(r);
        }
        types.add(c.bytes());
        return types.size() - 1;
    }

    /** Adds a function with locals declared one entry per type in {@code locals}, exported as {@code name}. */
    public int function(String name, int type, int[] locals, Code body) {
        Code f = new Code().u32(locals.length);
        for (int l : locals) {
            f.u32(1).u8(l);
        }
        f.raw(body.bytes()).u8(0x0B);
        functionTypes.add(type);
        bodies.add(f.bytes());
        if (name != null) {
            exports.add(name);
            exported.add(importedFunctions + functionTypes.size() - 1);
            exportKinds.add(0);
        }
        return importedFunctions + functionTypes.size() - 1;
    }

    public byte[] build() {
        Code m = new Code().raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(m, 1, vector(types));
        if (!imports.isEmpty()) {
            section(m, 2, vector(imports));
        }
        Code funcs = new Code().u32(functionTypes.size());
        functionTypes.forEach(funcs::u32);
        section(m, 3, funcs.bytes());
        section(m, 5, new Code().u32(1).u8(0).u32(1).bytes());
        if (!tags.isEmpty()) {
            Code t = new Code().u32(tags.size());
            tags.forEach(type -> t.u8(0).u32(type));
            section(m, 13, t.bytes());
        }
        Code ex = new Code().u32(exports.size());
        for (int i = 0; i < exports.size(); i++) {
            byte[] name = exports.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.u32(name.length).raw(name).u8(exportKinds.get(i)).u32(exported.get(i));
        }
        section(m, 7, ex.bytes());
        Code code = new Code().u32(bodies.size());
        for (byte[] b : bodies) {
            code.u32(b.length).raw(b);
        }
        section(m, 10, code.bytes());
        return m.bytes();
    }

    private static byte[] vector(List<byte[]> items) {
        Code c = new Code().u32(items.size());
        items.forEach(c::raw);
        return c.bytes();
    }

    private static void section(Code module, int id, byte[] content) {
        module.u8(id).u32(content.length).raw(content);
    }

    /** Instructions as bytes, with LEB128 immediates. */
    public static final class Code {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Code u8(int b) {
            out.write(b);
            return this;
        }

        public Code raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        public Code u32(long v) {
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        public Code s64(long v) {
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                    out.write(b);
                    return this;
                }
                out.write(b | 0x80);
            }
        }

        public Code op(int opcode) {
            return u8(opcode);
        }

        public Code i32(int v) {
            return u8(0x41).s64(v);
        }

        public Code i64(long v) {
            return u8(0x42).s64(v);
        }

        public Code f64(double v) {
            u8(0x44);
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
            return this;
        }

        public Code get(int local) {
            return u8(0x20).u32(local);
        }

        public Code set(int local) {
            return u8(0x21).u32(local);
        }

        public Code tee(int local) {
            return u8(0x22).u32(local);
        }

        /** {@code block}, {@code loop} or {@code if} (0x02, 0x03, 0x04) with a block type: a value type or 0x40. */
        public Code begin(int opcode, int blockType) {
            return u8(opcode).u8(blockType);
        }

        /** The same with a type index as block type (multi-value). */
        public Code beginTyped(int opcode, int typeIndex) {
            return u8(opcode).s64(typeIndex);
        }

        /** {@code try_table} with an empty block type and {@code catches}: kind, tag (ignored for catch_all), label. */
        public Code tryTable(int blockType, int[]... catches) {
            u8(0x1F).u8(blockType).u32(catches.length);
            for (int[] c : catches) {
                u8(c[0]);
                if (c[0] < 2) {
                    u32(c[1]);
                }
                u32(c[2]);
            }
            return this;
        }

        public Code throwTag(int tag) {
            return u8(0x08).u32(tag);
        }

        public Code call(int function) {
            return u8(0x10).u32(function);
        }

        public Code end() {
            return u8(0x0B);
        }

        public Code br(int depth) {
            return u8(0x0C).u32(depth);
        }

        public Code brIf(int depth) {
            return u8(0x0D).u32(depth);
        }

        public Code brTable(int[] depths, int dflt) {
            u8(0x0E).u32(depths.length);
            for (int d : depths) {
                u32(d);
            }
            return u32(dflt);
        }

        public Code code(Code other) {
            return raw(other.bytes());
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }
}
