package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import java.io.InputStream;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Exception handling's legacy form, rewritten into try_table before decoding: rethrow and delegate, which the spec's
 * legacy scripts do not have ({@code legacy-eh/legacy.wat}, built into the {@code .wasm} beside it).
 */
class LegacyExceptionsTest {
    private static byte[] module() throws Exception {
        try (InputStream in = LegacyExceptionsTest.class.getResourceAsStream("/legacy-eh/legacy.wasm")) {
            return in.readAllBytes();
        }
    }

    @Test
    void rethrowAndDelegateReachTheHandlersTheyName() throws Exception {
        Instance instance = Compiler.compile(module(), new CompilerOptions("legacy.Eh")).load()
                .instantiate(Imports.empty());
        assertArrayEquals(new Object[] {105}, instance.function("rethrow").call(5));
        assertArrayEquals(new Object[] {205}, instance.function("rethrow-deep").call(5));
        assertArrayEquals(new Object[] {305}, instance.function("delegate").call(5));
        assertArrayEquals(new Object[] {405}, instance.function("params").call(5));
        assertArrayEquals(new Object[] {7}, instance.function("params").call(0));
        ThrownException out = assertThrows(ThrownException.class, () -> instance.function("delegate-out").call(5));
        assertSame(instance.tag("e"), out.tag());
        assertArrayEquals(new Object[] {5}, out.values());
    }

    /**
     * The rewrite walks modules Endive could not decode, broken ones included: every truncation and every byte
     * flipped of the legacy module is refused cleanly (or compiles), never with another exception.
     */
    @Test
    void brokenLegacyModulesAreRefusedCleanly() throws Exception {
        byte[] wasm = module();
        for (int i = 8; i < wasm.length; i++) {
            compilesOrIsRefused(java.util.Arrays.copyOf(wasm, i));
            byte[] flipped = wasm.clone();
            flipped[i] ^= (byte) 0xFF;
            compilesOrIsRefused(flipped);
        }
    }

    private static void compilesOrIsRefused(byte[] wasm) {
        try {
            Compiler.compile(wasm, new CompilerOptions("legacy.Broken"));
        } catch (dev.wasm2jar.runtime.WasmException | UnsupportedFeatureException | CompilationException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), e.toString());
        }
    }

    @Test
    void withoutExceptionsItsOpcodesAreNotTheLanguagesAndTheModuleIsMalformed() throws Exception {
        EnumSet<Feature> features = EnumSet.copyOf(Feature.DEFAULT);
        features.remove(Feature.EXCEPTIONS);
        assertThrows(MalformedException.class,
                () -> Compiler.compile(module(), new CompilerOptions("legacy.Off", features)));
    }
}
