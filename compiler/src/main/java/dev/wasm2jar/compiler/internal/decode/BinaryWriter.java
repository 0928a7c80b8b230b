package dev.wasm2jar.compiler.internal.decode;

import java.io.ByteArrayOutputStream;

/** Writes the binary format: bytes and LEB128 numbers. */
final class BinaryWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void u8(int b) {
        out.write(b);
    }

    void bytes(byte[] b) {
        out.writeBytes(b);
    }

    void u32(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    void s33(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                out.write(b);
                return;
            }
            out.write(b | 0x80);
        }
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
