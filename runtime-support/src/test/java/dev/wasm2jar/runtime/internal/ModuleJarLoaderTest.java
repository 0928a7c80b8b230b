package dev.wasm2jar.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wasm2jar.runtime.Module;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which copy of a class a module jar's loader gives: the jar's own for the module's classes, even when the parent has
 * one of that name (it is not asked, so that it does not search its whole class path), and the parent's for
 * wasm2jar's own classes, which a runnable jar carries a copy of.
 */
class ModuleJarLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theJarsOwnClassesComeFirstAndWasm2jarsFromTheParent() throws Exception {
        Class<?> elsewhere = org.junit.jupiter.api.Test.class; // on the parent's class path, not wasm2jar's
        Path jar = dir.resolve("module.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> c : new Class<?>[] {elsewhere, Module.class}) {
                String name = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        ModuleJarLoader loader = new ModuleJarLoader(jar, ModuleJarLoaderTest.class.getClassLoader());
        Class<?> own = loader.loadClass(elsewhere.getName());
        assertNotSame(elsewhere, own);
        assertSame(loader, own.getClassLoader());
        assertSame(own, loader.loadClass(elsewhere.getName()), "defined once");
        assertSame(Module.class, loader.loadClass(Module.class.getName()));
        assertEquals(String.class, loader.loadClass("java.lang.String"));
    }
}
