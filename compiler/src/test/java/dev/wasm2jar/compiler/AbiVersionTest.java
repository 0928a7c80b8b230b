package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.abi.Abi;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/** A module class carries the ABI version it was compiled for, and the runtime refuses another with one line. */
class AbiVersionTest {
    /** {@code (func (export "f") (result i32) (i32.const 7))}. */
    private static final byte[] WASM = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7F, 3, 2, 1, 0, 7, 5, 1, 1,
        'f', 0, 0, 10, 6, 1, 4, 0, 0x41, 7, 0x0B};

    @Test
    void aModuleOfThisVersionLoadsAndRuns() {
        CompiledModule compiled = Compiler.compile(WASM, new CompilerOptions("abi.Current"));
        assertEquals(7, compiled.load().instantiate(Imports.empty()).function("f").call()[0]);
    }

    @Test
    void aModuleOfAnotherVersionIsRefusedWithOneLine() {
        CompiledModule newer = restamped("abi.Newer", Abi.VERSION + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, newer::load);
        assertEquals("abi.Newer was compiled by wasm2jar ABI " + (Abi.VERSION + 1) + "; this runtime supports ABI "
                + Abi.VERSION + "; recompile it", e.getMessage());
    }

    @Test
    void aModuleFromBeforeAbiVersionsIsRefusedAsVersionZero() {
        CompiledModule old = restamped("abi.Old", -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, old::load);
        assertEquals("abi.Old was compiled by wasm2jar ABI 0; this runtime supports ABI " + Abi.VERSION
                + "; recompile it", e.getMessage());
    }

    /** The module compiled as {@code className}, its version field set to {@code version}, or removed when -1. */
    static CompiledModule restamped(String className, int version) {
        CompiledModule compiled = Compiler.compile(WASM, new CompilerOptions(className));
        Map<String, byte[]> files = new LinkedHashMap<>(compiled.files());
        String classFile = className.replace('.', '/') + ".class";
        files.put(classFile, restamp(files.get(classFile), version));
        return new CompiledModule(className, files, compiled.stats());
    }

    static byte[] restamp(byte[] classFile, int version) {
        ClassWriter out = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, out) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (name.equals(Abi.VERSION_FIELD)) {
                    return version < 0 ? null : super.visitField(access, name, descriptor, signature, version);
                }
                return super.visitField(access, name, descriptor, signature, value);
            }
        }, 0);
        return out.toByteArray();
    }
}
