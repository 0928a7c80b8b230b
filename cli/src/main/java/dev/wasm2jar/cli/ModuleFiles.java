package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.Progress;
import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.WasmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading, compiling and loading the modules that commands are given, with errors that name the file. */
final class ModuleFiles {
    /** In a class of its own: compiling a pattern costs milliseconds of every start, and `run` needs none. */
    private static final class Patterns {
        static final Pattern CLASS_NAME =
                Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                        + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
    }

    private ModuleFiles() {}

    /**
     * Compiles the .wasm file {@code file} (or a .wat, through {@link TextFormat}); a module error becomes a
     * {@link CliException} naming the file.
     */
    static CompiledModule compile(Path file, String className) throws IOException {
        return compile(file, className, Progress.NONE);
    }

    /** {@link #compile(Path, String)}, telling {@code progress} how far it is. */
    static CompiledModule compile(Path file, String className, Progress progress) throws IOException {
        return compile(file, new CompilerOptions(className), progress);
    }

    /** {@link #compile(Path, String, Progress)} with {@code options}: the class name and metering. */
    static CompiledModule compile(Path file, CompilerOptions options, Progress progress) throws IOException {
        byte[] bytes;
        try {
            bytes = TextFormat.isText(file) ? TextFormat.assemble(file) : Files.readAllBytes(file);
        } catch (WasmException e) {
            throw new CliException(file + ": " + Errors.describe(e), e, CliException.FAILURE);
        }
        return compile(file, bytes, options, progress);
    }

    /** Compiles {@code bytes}, read from {@code file}; errors name the file. */
    static CompiledModule compile(Path file, byte[] bytes, CompilerOptions options) {
        return compile(file, bytes, options, Progress.NONE);
    }

    private static CompiledModule compile(Path file, byte[] bytes, CompilerOptions options, Progress progress) {
        try {
            return Compiler.compile(bytes, options, progress);
        } catch (WasmException e) {
            throw new CliException(file + ": " + Errors.describe(e), e, CliException.FAILURE);
        }
    }

    /** The module in {@code file}: a jar written by {@code wasm2jar compile}, or a .wasm compiled in memory. */
    static Module load(Path file) throws IOException {
        return load(file, null);
    }

    /** Like {@link #load(Path)}; a binary .wasm comes from {@code cache} when one is given. */
    static Module load(Path file, ModuleCache cache) throws IOException {
        return load(file, cache, false);
    }

    /**
     * Like {@link #load(Path, ModuleCache)}, a .wasm compiled with {@code metering} when asked; a jar is as it was
     * compiled.
     */
    static Module load(Path file, ModuleCache cache, boolean metering) throws IOException {
        return load(file, cache, metering, Feature.DEFAULT);
    }

    /** Like {@link #load(Path, ModuleCache, boolean)}, a .wasm compiled with {@code features}. */
    static Module load(Path file, ModuleCache cache, boolean metering, Set<Feature> features) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (cache != null && !file.getFileName().toString().endsWith(".jar") && !TextFormat.isText(file)) {
            return cache.load(file, metering, features);
        }
        if (file.getFileName().toString().endsWith(".jar")) {
            try {
                return Module.fromJar(file);
            } catch (java.util.zip.ZipException e) {
                throw new CliException(file + ": not a jar (" + e.getMessage() + ")", e, CliException.FAILURE);
            } catch (IllegalArgumentException e) {
                throw new CliException(file + ": " + e.getMessage(), e, CliException.FAILURE);
            }
        }
        return compile(file, new CompilerOptions(defaultClassName(file, null)).withMetering(metering)
                .withFeatures(features), Progress.NONE).load();
    }

    /**
     * The class name for a module file: {@code add.wasm} becomes {@code wasm.Add}, {@code binary-leb128.wasm}
     * {@code wasm.BinaryLeb128}, {@code i32.0.wasm} {@code wasm.I32_0}; {@code pkg} replaces {@code wasm} when given.
     */
    static String defaultClassName(Path file, String pkg) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        StringBuilder name = new StringBuilder();
        for (String part : stem.split("[^\\p{Alnum}]+")) {
            if (!part.isEmpty()) {
                if (!name.isEmpty() && Character.isDigit(name.charAt(name.length() - 1))
                        && Character.isDigit(part.charAt(0))) {
                    name.append('_'); // i32.0.wasm: I32_0, not I320
                }
                name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        if (name.isEmpty()) {
            name.append("Module");
        } else if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name.insert(0, 'M');
        }
        return (pkg == null ? "wasm" : pkg) + "." + name;
    }

    /** Checks a class or package name given on the command line. */
    static String checkName(String name, String what) {
        if (!Patterns.CLASS_NAME.matcher(name).matches()) {
            throw new CliException("not a " + what + " name: '" + name + "'");
        }
        return name;
    }
}
