package dev.wasm2jar.runtime;

import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.internal.ClassPathFiles;
import dev.wasm2jar.runtime.internal.CompiledClasses;
import dev.wasm2jar.runtime.internal.Instantiator;
import dev.wasm2jar.runtime.internal.ModuleJarLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * A compiled module, ready to instantiate. Load it from its generated class, from a class loader, or from a jar
 * written by {@code wasm2jar compile}.
 *
 * <pre>{@code
 * Module module = Module.fromJar(Path.of("add.jar"));
 * Instance instance = module.instantiate(Imports.empty());
 * Object[] sum = instance.function("add").call(1, 2);
 * }</pre>
 */
public final class Module {
    /** The manifest attribute naming a jar's module class. */
    public static final String MANIFEST_ATTRIBUTE = "Wasm2jar-Module";
    /** The resource beside a module class that holds its {@link ModuleShape}. */
    public static final String SHAPE_SUFFIX = ".wasm2jar";

    private final Class<?> instanceClass;
    private final ModuleShape shape;

    private Module(Class<?> instanceClass, ModuleShape shape) {
        this.instanceClass = instanceClass;
        this.shape = shape;
    }

    /**
     * The module whose generated class is {@code compiledClass}.
     *
     * @throws IllegalArgumentException when it is not a module class, or one compiled for another version of the
     *     contract between generated code and this runtime ({@code dev.wasm2jar.runtime.abi.Abi})
     */
    public static Module load(Class<?> compiledClass) {
        String resource = compiledClass.getSimpleName() + SHAPE_SUFFIX;
        try {
            byte[] shape = ClassPathFiles.beside(compiledClass, resource);
            if (shape == null) {
                try (InputStream in = compiledClass.getResourceAsStream(resource)) {
                    shape = in == null ? null : in.readAllBytes();
                }
            }
            if (shape == null) {
                throw new IllegalArgumentException(compiledClass.getName() + " is not a wasm2jar module (no " + resource + ")");
            }
            CompiledClasses.checkAbi(compiledClass);
            return new Module(compiledClass, ModuleShape.fromBytes(shape));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module whose generated class is {@code className} in {@code loader}. */
    public static Module load(ClassLoader loader, String className) {
        try {
            return load(Class.forName(className, true, loader));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + className, e);
        }
    }

    /** The module in a jar written by {@code wasm2jar compile}; its classes load in a loader of their own. */
    public static Module fromJar(Path jar) throws IOException {
        String className;
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            className = manifest == null ? null : manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
        }
        if (className == null) {
            throw new IOException(jar + " is not a wasm2jar module jar (no " + MANIFEST_ATTRIBUTE + " in its manifest)");
        }
        return load(new ModuleJarLoader(jar, Module.class.getClassLoader()), className);
    }

    /**
     * Links {@code imports} and instantiates: globals, tables, memories, segments, then the start function.
     * {@link dev.wasm2jar.runtime.host.Linker} does the same with host modules and clearer errors.
     */
    public Instance instantiate(Imports imports) {
        List<Object> values = new ArrayList<>(shape.imports().size());
        for (ModuleShape.Import im : shape.imports()) {
            values.add(imports.find(im.module(), im.name()));
        }
        return instantiate(values);
    }

    /**
     * Instantiates with the value of each import in the module's import order ({@link ModuleShape#imports()}): a
     * {@link WasmFunction}, {@link Memory}, {@link Table} or {@link Global} each. A module may import one name twice
     * in two types, which this form can express and {@link Imports} cannot.
     *
     * @throws UnlinkableException when a value is missing (null) or does not match its import
     */
    public Instance instantiate(List<?> imports) {
        return instantiate(imports, Limits.NONE);
    }

    /**
     * {@link #instantiate(List)} within {@code limits}: what the instance may consume, from its start function on.
     *
     * @throws UninstantiableException when a memory's initial size is over the limit
     * @throws IllegalArgumentException when {@code limits} set fuel, a deadline or a call depth and the module was not
     *     compiled with metering ({@link #metered()})
     */
    public Instance instantiate(List<?> imports, Limits limits) {
        Instantiator.Instantiated made = Instantiator.instantiate(this, instanceClass, shape, imports, limits);
        return new Instance(this, made.exports(), made.generated());
    }

    /**
     * Whether the module was compiled with metering: polls at every function entry and loop head, which fuel,
     * deadlines, call depths ({@link Limits}) and {@link Instance#interrupt()} need.
     */
    public boolean metered() {
        return CompiledClasses.metered(instanceClass);
    }

    /** The generated class that holds this module's instances. */
    public Class<?> instanceClass() {
        return instanceClass;
    }

    /** The module's description: imports, exports, types, segments. */
    public ModuleShape shape() {
        return shape;
    }
}
