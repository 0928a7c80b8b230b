package dev.wasm2jar.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mutants that once crashed the compiler ({@code bin/mutate}), reduced by hand: each is now refused cleanly. */
class MutantRegressionTest {
    @ParameterizedTest
    @ValueSource(strings = {
        // a code section claiming 2^31 - 1 bodies: the error locator allocated an array of that many
        "0061736d01000000" + "010401600000" + "03020100" + "0a08" + "ffffffff07" + "02000b",
        // names of 2^31 - 1 bytes in a custom section and in an export: Endive allocated them before reading
        "0061736d01000000" + "0006" + "ffffffff07" + "61",
        "0061736d01000000" + "0706" + "01" + "ffffffff07",
    })
    void refusedCleanly(String hex) {
        assertNull(MutationRun.check(HexFormat.of().parseHex(hex)));
    }
}
