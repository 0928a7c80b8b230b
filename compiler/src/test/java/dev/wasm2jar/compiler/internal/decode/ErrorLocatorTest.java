package dev.wasm2jar.compiler.internal.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ErrorLocatorTest {
    /**
     * Three functions; the third, {@code $bad (param i32) (result i32)}, does {@code local.get 0, i64.const 1,
     * i32.add}: the add at offset 0x2d finds an i64. Written by {@code wat2wasm --no-check --debug-names}.
     */
    private static final byte[] BAD_THIRD = HexFormat.of().parseHex("0061736d01000000010a026000017f60017f017f03"
            + "04030000010a13030400410b0b0400410c0b0700200042016a0b0016046e616d650106010203626164020703000001000200");

    @Test
    void namesTheFunctionAndTheInstructionWhereValidationFails() {
        ErrorLocator.Location where = ErrorLocator.locate(BAD_THIRD, Feature.DEFAULT);
        assertEquals(new ErrorLocator.Location(2, "bad", 0x2d), where);
        InvalidException e = assertThrows(InvalidException.class,
                () -> Compiler.compile(BAD_THIRD, CompilerOptions.defaults()));
        assertEquals("function 2 (bad) at offset 0x2d: type mismatch: instruction requires [i32] but stack has [i64]",
                e.getMessage());
    }

    @Test
    void aBlockWithTooFewResultsFailsAtItsEnd() {
        // (func (result i32) (block (result i32) i32.const 1 f32.const 0 drop drop) drop i32.const 0): the block's
        // end, at 0x23, finds nothing to return.
        byte[] wasm = HexFormat.of().parseHex("0061736d010000000105016000017f030201000a13011100027f4101430000"
                + "00001a1a0b1a41000b");
        assertEquals(new ErrorLocator.Location(0, null, 0x23), ErrorLocator.locate(wasm, Feature.DEFAULT));
    }

    @Test
    void anErrorOutsideTheCodeHasNoLocation() {
        // A global initialized with an i64 constant but typed i32: no function body is at fault.
        byte[] wasm = HexFormat.of().parseHex("0061736d01000000" + "0606017f0042000b");
        assertNull(ErrorLocator.locate(wasm, Feature.DEFAULT));
    }
}
