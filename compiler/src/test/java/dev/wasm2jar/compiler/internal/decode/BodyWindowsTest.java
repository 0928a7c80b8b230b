package dev.wasm2jar.compiler.internal.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A module decoded through windows of a few bodies gives what it gives decoded whole. */
class BodyWindowsTest {
    private static final int SMALL_WINDOW = 40;

    private static byte[] assemble(String name) throws Exception {
        assertTrue(TextFormat.available(), "the window tests need wabt's wat2wasm (bin/setup installs it)");
        return TextFormat.assemble(Path.of("src/test/resources/windows", name));
    }

    @Test
    void windowsDecodeEveryBodyAsTheWholeModuleDoes() throws Exception {
        byte[] wasm = assemble("module.wat");
        Sections sections = Sections.read(wasm);
        assertTrue(BodyWindows.needed(sections, SMALL_WINDOW), "the module must take several windows");
        ModuleModel whole = EndiveDecoder.decode(wasm, Feature.DEFAULT, Integer.MAX_VALUE);
        ModuleModel windowed = EndiveDecoder.decode(wasm, Feature.DEFAULT, SMALL_WINDOW);
        assertArrayEquals(whole.bodySizes(), windowed.bodySizes());
        assertArrayEquals(whole.functionNames(), windowed.functionNames());
        assertEquals(whole.data().size(), windowed.data().size());
        for (int i = 0; i < whole.data().size(); i++) {
            assertArrayEquals(whole.data().get(i).bytes(), windowed.data().get(i).bytes());
        }
        assertEquals(whole.elements(), windowed.elements());
        int defined = whole.functionCount() - whole.importCount(ExternKind.FUNCTION);
        for (int i = defined - 1; i >= 0; i--) { // backwards: windows decoded again once dropped
            assertSameBody(whole.bodies().apply(i), windowed.bodies().apply(i));
        }
    }

    private static void assertSameBody(FunctionBody expected, FunctionBody actual) {
        assertEquals(expected.locals(), actual.locals());
        assertEquals(expected.instructions().size(), actual.instructions().size());
        for (int k = 0; k < expected.instructions().size(); k++) {
            Instruction e = expected.instructions().get(k);
            Instruction a = actual.instructions().get(k);
            assertEquals(e.op(), a.op());
            assertArrayEquals(e.operands(), a.operands());
            assertEquals(e.offset(), a.offset(), "offsets are the module's, not the window's");
        }
    }

    @Test
    void anInvalidBodyInALaterWindowIsReportedWhereTheWholeModuleReportsIt() throws Exception {
        byte[] wasm = assemble("invalid.wat");
        InvalidException whole = assertThrows(InvalidException.class,
                () -> EndiveDecoder.decode(wasm, Feature.DEFAULT, Integer.MAX_VALUE));
        ModuleModel windowed = EndiveDecoder.decode(wasm, Feature.DEFAULT, SMALL_WINDOW);
        InvalidException late = assertThrows(InvalidException.class, () -> windowed.bodies().apply(6));
        assertEquals(whole.getMessage(), late.getMessage());
        assertTrue(late.getMessage().startsWith("function 6 at offset 0x53: type mismatch"), late.getMessage());
        windowed.bodies().apply(0); // windows without the bad body still decode
    }
}
