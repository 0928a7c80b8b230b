package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.MalformedException;
import run.endive.wasm.types.WasmEncoding;

/**
 * Skips an instruction's immediates in the binary format, one encoding at a time: what the passes that read code
 * before or beside Endive (memory64's lowering, relaxed SIMD's stand-ins, the legacy exceptions' rewrite) need to
 * find the next instruction.
 */
final class Immediates {
    private final byte[] wasm;
    private int at;

    private Immediates(byte[] wasm, int at) {
        this.wasm = wasm;
        this.at = at;
    }

    /** Where the immediate of encoding {@code e} that starts at {@code at} ends. */
    static int skip(byte[] wasm, int at, WasmEncoding e) {
        Immediates in = new Immediates(wasm, at);
        in.skip(e);
        return in.at;
    }

    private void skip(WasmEncoding e) {
        switch (e) {
            case BYTE -> at++;
            case VARUINT, VARSINT32, VARSINT64 -> leb();
            case FLOAT32 -> at += 4;
            case FLOAT64 -> at += 8;
            case V128 -> at += 16;
            case VEC_VARUINT -> {
                for (long n = count(); n > 0; n--) {
                    leb();
                }
            }
            case VEC_CATCH -> {
                for (long n = count(); n > 0; n--) {
                    if ((wasm[at++] & 0xFF) <= 1) {
                        leb(); // catch and catch_ref name a tag, then a label; the catch_all forms a label only
                    }
                    leb();
                }
            }
            case BLOCK_TYPE -> {
                int first = wasm[at] & 0xFF;
                leb();
                if (first == 0x63 || first == 0x64) {
                    leb(); // a reference type's heap type
                }
            }
            case VEC_VALUE_TYPE -> {
                for (long n = count(); n > 0; n--) {
                    int code = wasm[at++] & 0xFF;
                    if (code == 0x63 || code == 0x64) {
                        leb();
                    }
                }
            }
            case MEMARG -> {
                long flags = count();
                if ((flags & 0x40) != 0) {
                    leb(); // a memory index (multi-memory)
                }
                leb();
            }
        }
    }

    private void leb() {
        for (int n = 0; (wasm[at++] & 0x80) != 0; n++) {
            if (n >= 10) {
                throw new MalformedException("integer representation too long");
            }
        }
    }

    /** A u32: a vector's length or memarg's flags. */
    private long count() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = wasm[at++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            if (shift >= 28) {
                throw new MalformedException("integer representation too long");
            }
        }
    }
}
