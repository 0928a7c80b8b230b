package dev.wasm2jar.compiler.internal.decode;

import run.endive.wasm.types.WasmEncoding;

/**
 * Reads the binary format from a position: bytes, LEB128 numbers, and what the rewriting passes skip whole (value
 * types, block types, immediates).
 */
final class BinaryReader {
    final byte[] wasm;
    int at;

    BinaryReader(byte[] wasm, int at) {
        this.wasm = wasm;
        this.at = at;
    }

    int u8() {
        return wasm[at++] & 0xFF;
    }

    long u32() {
        return u64();
    }

    long u64() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            if (shift > 63) {
                throw new IllegalStateException("LEB128 too long");
            }
        }
    }

    long s64() {
        long value = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 70);
        if (shift < 64 && (b & 0x40) != 0) {
            value |= -1L << shift;
        }
        return value;
    }

    static int lebLength(byte[] wasm, int at) {
        int n = 1;
        while ((wasm[at++] & 0x80) != 0) {
            n++;
        }
        return n;
    }

    void valueType() {
        int code = u8();
        if (code == 0x63 || code == 0x64) {
            s64();
        }
    }

    void blockType() {
        int first = wasm[at] & 0xFF;
        s64();
        if (first == 0x63 || first == 0x64) {
            s64();
        }
    }

    void immediate(WasmEncoding e) {
        at = Immediates.skip(wasm, at, e);
    }
}
