package dev.wasm2jar.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The class loader of a module jar ({@code Module.fromJar}): reads a class's bytes from the jar and defines it, with
 * the jar's {@code file:} URL as its code source. {@code URLClassLoader} does the same through a {@code jar:} URL for
 * every class, and a JVM's first {@code jar:} URL looks for URL handlers among the class path's services: 8-26 ms of
 * a cached hello world's start (RATIONALE.md, "Start-up"). The jar stays open while the loader lives, since a large
 * module's function classes load when first called.
 */
public final class ModuleJarLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Path path;
    private final JarFile jar;
    private final ProtectionDomain domain;

    /** A loader of the classes in {@code jar}, below {@code parent}. */
    public ModuleJarLoader(Path jar, ClassLoader parent) throws IOException {
        super("wasm2jar module " + jar.getFileName(), parent);
        this.path = jar.toAbsolutePath();
        this.jar = new JarFile(path.toFile(), false);
        this.domain = new ProtectionDomain(new CodeSource(path.toUri().toURL(), (CodeSigner[]) null), null, this,
                null);
    }

    /**
     * The jar's own classes first, without asking the parent: the parent would look for a module class in every jar of
     * its class path (bin/wasm2jar's: 13, opened for it; a cached hello world's module class took 9-48 ms to load at
     * load 6). wasm2jar's own classes ({@code dev.wasm2jar.}) and the JDK's always come from the parent, so that a
     * runnable jar's copy of the runtime is never loaded beside the one running it.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.") || name.startsWith("dev.wasm2jar.")
                || jar.getEntry(name.replace('.', '/') + ".class") == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ZipEntry entry = jar.getEntry(name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " in " + path, e);
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        InputStream in = getParent() == null ? null : getParent().getResourceAsStream(name);
        if (in != null) {
            return in;
        }
        ZipEntry entry = jar.getEntry(name);
        try {
            return entry == null ? null : jar.getInputStream(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code jar:} URL, made only when asked for. */
    @Override
    protected URL findResource(String name) {
        if (jar.getEntry(name) == null) {
            return null;
        }
        try {
            return URI.create("jar:" + path.toUri() + "!/" + name).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
    }
}
