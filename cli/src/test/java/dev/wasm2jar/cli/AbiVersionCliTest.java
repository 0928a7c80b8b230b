package dev.wasm2jar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.Abi;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/** {@code invoke} on a jar that another wasm2jar compiled, for another ABI: one error line, exit 1. */
class AbiVersionCliTest {
    /** {@code (func (export "f") (result i32) (i32.const 7))}. */
    private static final byte[] WASM = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7F, 3, 2, 1, 0, 7, 5, 1, 1,
        'f', 0, 0, 10, 6, 1, 4, 0, 0x41, 7, 0x0B};

    @Test
    void aJarOfAnotherAbiIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("old.jar");
        CompiledModule compiled = Compiler.compile(WASM, new CompilerOptions("wasm.Old"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(Module.MANIFEST_ATTRIBUTE, "wasm.Old");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (var e : compiled.files().entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getKey().equals("wasm/Old.class") ? restamp(e.getValue(), Abi.VERSION + 1) : e.getValue());
                out.closeEntry();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"invoke", jar.toString(), "f"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("wasm2jar: error: " + jar + ": wasm.Old was compiled by wasm2jar ABI " + (Abi.VERSION + 1)
                + "; this runtime supports ABI " + Abi.VERSION + "; recompile it" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] restamp(byte[] classFile, int version) {
        ClassWriter out = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, out) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                return super.visitField(access, name, descriptor, signature,
                        name.equals(Abi.VERSION_FIELD) ? version : value);
            }
        }, 0);
        return out.toByteArray();
    }
}
