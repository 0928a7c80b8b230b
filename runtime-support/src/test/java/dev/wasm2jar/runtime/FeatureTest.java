package dev.wasm2jar.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Feature#parse}: the lists {@code --features} takes. */
class FeatureTest {
    @Test
    void signedNamesEditTheBase() {
        Set<Feature> set = Feature.parse("+threads,-simd", Feature.DEFAULT);
        EnumSet<Feature> expected = EnumSet.copyOf(Feature.DEFAULT);
        expected.add(Feature.THREADS);
        expected.remove(Feature.SIMD);
        assertEquals(expected, set);
    }

    @Test
    void plainNamesStartFromMvpAlone() {
        assertEquals(EnumSet.of(Feature.MVP, Feature.TAIL_CALL), Feature.parse("tail-call", Feature.DEFAULT));
        EnumSet<Feature> expected = EnumSet.copyOf(Feature.WASM_2_0);
        expected.add(Feature.TAIL_CALL);
        assertEquals(expected, Feature.parse("2.0, +tail-call", Feature.DEFAULT));
        assertEquals(EnumSet.allOf(Feature.class), Feature.parse("all", Feature.WASM_2_0));
        assertEquals(Feature.WASM_3_0, Feature.parse("3.0", Feature.WASM_2_0));
        assertEquals(Feature.DEFAULT, Feature.parse("default", Feature.WASM_2_0));
    }

    @Test
    void unknownNamesAndListsWithoutMvpAreRefusedInOneLine() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Feature.parse("+bogus", Feature.DEFAULT));
        assertTrue(unknown.getMessage().startsWith("no WebAssembly feature is called 'bogus' (known: mvp, sign-ext"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Feature.parse("-mvp", Feature.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Feature.parse("simd,,gc", Feature.DEFAULT));
    }
}
