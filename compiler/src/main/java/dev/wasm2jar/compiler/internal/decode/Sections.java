package dev.wasm2jar.compiler.internal.decode;

import java.io.ByteArrayOutputStream;
import java.util.function.IntFunction;

/**
 * Where a module's function bodies lie in its bytes, and copies of the module with other bodies: the stubbed copies
 * {@link ErrorLocator} searches with, and the windows {@link BodyWindows} decodes a large module's code through.
 * Read only from modules that decode, or inside a try that treats any exception as "malformed".
 */
final class Sections {
    private static final int IMPORT_SECTION = 2;
    private static final int CODE_SECTION = 10;
    private static final int DATA_SECTION = 11;
    /** A body that validates for any function type: no locals, {@code unreachable}, {@code end}. */
    static final byte[] STUB = {0x00, 0x00, 0x0B};
    /** A passive data segment of no bytes: a window keeps the count of data segments, not their bytes. */
    private static final byte[] EMPTY_PASSIVE_SEGMENT = {0x01, 0x00};

    final byte[] wasm;
    /** Where the code section starts (its id byte) and ends, or -1. */
    final int codeStart;
    final int codeEnd;
    /** Per defined function, [start, end) of its body after the size. */
    final int[][] bodies;
    final int importedFunctions;
    /** Where the data section starts (its id byte), or -1; and how many segments it has. */
    private final int dataStart;
    private final int dataCount;

    private Sections(byte[] wasm, int codeStart, int codeEnd, int[][] bodies, int importedFunctions, int dataStart,
            int dataCount) {
        this.wasm = wasm;
        this.codeStart = codeStart;
        this.codeEnd = codeEnd;
        this.bodies = bodies;
        this.importedFunctions = importedFunctions;
        this.dataStart = dataStart;
        this.dataCount = dataCount;
    }

    static Sections read(byte[] wasm) {
        int at = 8;
        int codeStart = -1;
        int codeEnd = -1;
        int[][] bodies = new int[0][];
        int imported = 0;
        int dataStart = -1;
        int dataCount = 0;
        while (at < wasm.length) {
            int id = wasm[at++] & 0xFF;
            long[] size = leb(wasm, at);
            int payload = (int) size[1];
            int next = Math.addExact(payload, (int) size[0]);
            if (id == IMPORT_SECTION) {
                imported = importedFunctions(wasm, payload);
            } else if (id == CODE_SECTION) {
                codeStart = at - 1;
                codeEnd = next;
                long[] count = leb(wasm, payload);
                int p = (int) count[1];
                if (count[0] > next - p) { // every body takes a byte at least: a hostile count, not an array
                    throw new IllegalArgumentException("more bodies than bytes in the code section");
                }
                bodies = new int[(int) count[0]][];
                for (int i = 0; i < bodies.length; i++) {
                    long[] length = leb(wasm, p);
                    bodies[i] = new int[] {(int) length[1], Math.addExact((int) length[1], (int) length[0])};
                    p = bodies[i][1];
                }
            } else if (id == DATA_SECTION) {
                dataStart = at - 1;
                dataCount = (int) leb(wasm, payload)[0];
            }
            at = next;
        }
        return new Sections(wasm, codeStart, codeEnd, bodies, imported, dataStart, dataCount);
    }

    byte[] body(int i) {
        return java.util.Arrays.copyOfRange(wasm, bodies[i][0], bodies[i][1]);
    }

    /** The bytes of body {@code i}'s instructions, after its locals: what the decoder's body sizes count. */
    int codeSize(int i) {
        int p = bodies[i][0];
        long[] groups = leb(wasm, p);
        p = (int) groups[1];
        for (long g = 0; g < groups[0]; g++) {
            p = (int) leb(wasm, p)[1];
            int type = wasm[p++] & 0xFF;
            if (type == 0x63 || type == 0x64) { // (ref null ht), (ref ht): a heap type follows
                p = (int) leb(wasm, p)[1];
            }
        }
        return bodies[i][1] - p;
    }

    /** The module with the code section rebuilt from {@code body}. */
    byte[] withBodies(IntFunction<byte[]> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length);
        out.write(wasm, 0, codeStart);
        writeCode(out, body, 0, 0, null);
        out.write(wasm, codeEnd, wasm.length - codeEnd);
        return out.toByteArray();
    }

    /**
     * A module of its own that holds bodies [{@code from}, {@code to}) as they are and stubs for the others, so every
     * function keeps its index and the kept bodies validate as in the whole module. The data section keeps only its
     * count of segments (empty, passive), custom sections after the code are left out. {@code starts} receives where
     * each kept body starts in the copy.
     */
    byte[] window(int from, int to, int[] starts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(wasm, 0, codeStart);
        writeCode(out, i -> i >= from && i < to ? body(i) : STUB, from, to, starts);
        if (dataStart >= 0) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            writeLeb(data, dataCount);
            for (int i = 0; i < dataCount; i++) {
                data.writeBytes(EMPTY_PASSIVE_SEGMENT);
            }
            out.write(DATA_SECTION);
            writeLeb(out, data.size());
            out.writeBytes(data.toByteArray());
        }
        return out.toByteArray();
    }

    /** Writes the code section; {@code starts}, when given, receives where bodies [from, to) start in {@code out}. */
    private void writeCode(ByteArrayOutputStream out, IntFunction<byte[]> body, int from, int to, int[] starts) {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        writeLeb(code, bodies.length);
        for (int i = 0; i < bodies.length; i++) {
            byte[] b = body.apply(i);
            writeLeb(code, b.length);
            if (starts != null && i >= from && i < to) {
                starts[i - from] = code.size(); // from the payload's start until it is known below
            }
            code.writeBytes(b);
        }
        out.write(CODE_SECTION);
        writeLeb(out, code.size());
        if (starts != null) {
            for (int k = 0; k < to - from; k++) {
                starts[k] += out.size();
            }
        }
        out.writeBytes(code.toByteArray());
    }

    private static int importedFunctions(byte[] wasm, int at) {
        long[] count = leb(wasm, at);
        int p = (int) count[1];
        int functions = 0;
        for (long i = 0; i < count[0]; i++) {
            for (int name = 0; name < 2; name++) {
                long[] length = leb(wasm, p);
                p = (int) (length[1] + length[0]);
            }
            int kind = wasm[p++];
            switch (kind) {
                case 0 -> {
                    functions++;
                    p = (int) leb(wasm, p)[1];
                }
                case 1 -> p = limits(wasm, p + 1);
                case 2 -> p = limits(wasm, p);
                case 3 -> p += 2;
                default -> p = (int) leb(wasm, p + 1)[1];
            }
        }
        return functions;
    }

    private static int limits(byte[] wasm, int at) {
        int flags = wasm[at];
        int p = (int) leb(wasm, at + 1)[1];
        return (flags & 1) != 0 ? (int) leb(wasm, p)[1] : p;
    }

    /** An unsigned LEB128 at {@code at}: its value and the offset after it. */
    static long[] leb(byte[] wasm, int at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = wasm[at++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0 || shift > 28) {
                return new long[] {value, at};
            }
        }
    }

    private static void writeLeb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
    }
}
