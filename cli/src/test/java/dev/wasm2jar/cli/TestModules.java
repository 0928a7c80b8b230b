package dev.wasm2jar.cli;

import java.util.HexFormat;

/** Small modules assembled by hand, so the command-line tests need no toolchain. */
public final class TestModules {
    private TestModules() {}

    /** Exports {@code add: [i32 i32] -> [i32]} and {@code trap: [] -> []}, which is {@code unreachable}. */
    public static final byte[] ADD = HexFormat.of().parseHex(""
            + "0061736d01000000"
            + "010a02" + "60027f7f017f" + "600000"            // types: (i32 i32) -> i32, () -> ()
            + "0303020001"                                   // functions: type 0, type 1
            + "070e02" + "0361646400" + "00" + "047472617000" + "01" // exports: add = func 0, trap = func 1
            + "0a0d02" + "0700200020016a0b" + "0300000b");   // code: local.get 0, local.get 1, i32.add; unreachable

    /** Imports {@code spectest.global_i32} and exports it as {@code g}. */
    public static final byte[] SPECTEST_GLOBAL = HexFormat.of().parseHex(""
            + "0061736d01000000"
            + "021801" + "087370656374657374" + "0a676c6f62616c5f693332" + "037f00"
            + "070501" + "0167" + "0300");

    /** Exports {@code spin: [] -> []}, which loops forever. */
    public static final byte[] SPIN = HexFormat.of().parseHex(""
            + "0061736d01000000"
            + "0104016000" + "00"
            + "03020100"
            + "070801" + "047370696e" + "0000"
            + "0a0901" + "0700" + "03400c000b0b");         // loop br 0 end

    /** A module cut off in the middle of its type section. */
    public static final byte[] TRUNCATED = HexFormat.of().parseHex("0061736d01000000010a0260");
}
