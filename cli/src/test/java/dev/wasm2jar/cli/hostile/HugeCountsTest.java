package dev.wasm2jar.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Modules with counts far beyond what toolchains emit: each compiles (and its classes verify) or is refused with one
 * clean error ({@link MutationRun#check}). Deep nesting is the compiler's DeepNestingTest.
 */
class HugeCountsTest {
    private static final int I32 = 0x7F;

    @Test
    void hundredThousandLocalsAreOverTheDecodersLimit() {
        // (func (result i32) (local i32 x 100000) local.get 99999)
        byte[] body = concat(leb(1), leb(100_000), bytes(I32), bytes(0x20), leb(99_999), bytes(0x0B));
        assertOutcome("MalformedException", module(type(0, 1), body)); // Endive's limit: "too many locals"
    }

    @Test
    void fiftyThousandParametersAreOverTheJvmLimit() {
        // (func (param i32 x 50000) (result i32) local.get 49999)
        byte[] body = concat(leb(0), bytes(0x20), leb(49_999), bytes(0x0B));
        assertOutcome("CompilationException", module(type(50_000, 1), body));
    }

    @Test
    void parametersUpToTheJvmLimitCompile() {
        byte[] body = concat(leb(0), bytes(0x20), leb(252), bytes(0x0B));
        assertOutcome("compiled", module(type(253, 1), body));
        body = concat(leb(0), bytes(0x20), leb(253), bytes(0x0B));
        assertOutcome("CompilationException", module(type(254, 1), body));
    }

    private static void assertOutcome(String expected, byte[] wasm) {
        String[] kind = new String[1];
        assertNull(MutationRun.check(wasm, kind));
        assertEquals(expected, kind[0]);
    }

    @Test
    void brTableWithAMillionTargets() {
        // (func (result i32) block i32.const 0 br_table 0 x 1000000 0 end i32.const 7)
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.writeBytes(concat(leb(0), bytes(0x02, 0x40, 0x41, 0x00, 0x0E), leb(1_000_000)));
        for (int i = 0; i <= 1_000_000; i++) {
            code.write(0);
        }
        code.writeBytes(bytes(0x0B, 0x41, 0x07, 0x0B));
        assertOutcome("CompilationException", module(type(0, 1), code.toByteArray()));
    }

    @Test
    void hundredThousandTypes() {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        types.writeBytes(leb(100_000));
        for (int i = 0; i < 100_000; i++) {
            types.writeBytes(bytes(0x60, 0x01, I32, 0x01, I32)); // (i32) -> i32, each a type of its own
        }
        byte[] wasm = concat(header(), section(1, types.toByteArray()));
        assertOutcome("compiled", wasm);
    }

    @Test
    void hundredThousandGlobalsAreOverTheJvmLimit() {
        ByteArrayOutputStream globals = new ByteArrayOutputStream();
        globals.writeBytes(leb(100_000));
        for (int i = 0; i < 100_000; i++) {
            globals.writeBytes(bytes(I32, 0x01, 0x41, 0x00, 0x0B)); // (global (mut i32) (i32.const 0))
        }
        // Their initializers form one method, which cannot be split yet: 1.7 MB of bytecode, a CompilationException.
        assertOutcome("CompilationException", concat(header(), section(6, globals.toByteArray())));
    }

    @Test
    void hundredThousandDataSegments() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(leb(100_000));
        for (int i = 0; i < 100_000; i++) {
            data.writeBytes(bytes(0x01, 0x01, 0x2A)); // passive, one byte
        }
        byte[] memory = concat(leb(1), bytes(0x00, 0x01));
        assertOutcome("compiled", concat(header(), section(5, memory), section(12, leb(100_000)),
                section(11, data.toByteArray())));
    }

    /** A module of one type and one function of that type with {@code body} (its locals and code, without size). */
    private static byte[] module(byte[] type, byte[] body) {
        return concat(header(), section(1, concat(leb(1), type)), section(3, concat(leb(1), leb(0))),
                section(10, concat(leb(1), leb(body.length), body)));
    }

    /** A function type of {@code params} i32 parameters and {@code results} i32 results. */
    private static byte[] type(int params, int results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x60);
        out.writeBytes(leb(params));
        for (int i = 0; i < params; i++) {
            out.write(I32);
        }
        out.writeBytes(leb(results));
        for (int i = 0; i < results; i++) {
            out.write(I32);
        }
        return out.toByteArray();
    }

    private static byte[] header() {
        return bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
    }

    private static byte[] section(int id, byte[] content) {
        return concat(bytes(id), leb(content.length), content);
    }

    private static byte[] leb(long value) {
        return Mutator.leb(value);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
