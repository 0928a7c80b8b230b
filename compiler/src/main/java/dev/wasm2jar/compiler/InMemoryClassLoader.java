package dev.wasm2jar.compiler;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

/** Serves a compiled module's classes and resources from memory. */
final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> files;

    InMemoryClassLoader(Map<String, byte[]> files, ClassLoader parent) {
        super(parent);
        this.files = files;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = files.get(name.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = files.get(name);
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }
}
