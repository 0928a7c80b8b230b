package dev.wasm2jar.maven.internal;

import dev.wasm2jar.compiler.CompileStats;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles one .wasm file into a class directory, with its facade's Java source, unless its {@link Stamp} says the
 * outputs are already built from the same inputs.
 *
 * @param wasm the module's file
 * @param facadeClass the facade's binary name ({@code com.example.Mathlib}); the module class is this plus
 *                    {@code Module}
 * @param facade whether to write the facade
 * @param classes where the compiled classes go (the project's output directory)
 * @param sources where the facade's source goes (a generated-sources root)
 * @param stamp the file that keeps this module's {@link Stamp}
 * @param hostModules import modules left to the linker's host modules (see {@link FacadeWriter})
 */
public record ModuleBuild(Path wasm, String facadeClass, boolean facade, Path classes, Path sources, Path stamp,
        Set<String> hostModules) {
    /** What a build did. */
    public enum Outcome { COMPILED, UP_TO_DATE }

    /**
     * What a build did and, when it compiled, what.
     *
     * @param outcome compiled or up to date
     * @param stats the compiler's statistics; null when up to date
     */
    public record Result(Outcome outcome, CompileStats stats) {}

    /** The binary name of the compiled module class. */
    public String moduleClass() {
        return facadeClass + "Module";
    }

    /**
     * Builds, or finds the outputs up to date.
     *
     * @param pluginVersion the plugin's version, part of the stamp
     * @param compilerDigest {@link Stamp#codeDigest} of the compiler, part of the stamp
     * @throws dev.wasm2jar.runtime.WasmException when the module does not decode or validate
     * @throws dev.wasm2jar.compiler.CompilationException when a valid module cannot be compiled
     */
    public Result run(String pluginVersion, String compilerDigest) throws IOException {
        byte[] bytes = Files.readAllBytes(wasm);
        String options = "facade=" + (facade ? facadeClass : "") + ";module=" + moduleClass() + ";host="
                + String.join(",", new TreeSet<>(hostModules));
        Stamp previous = Stamp.read(stamp);
        Stamp wanted = new Stamp(Stamp.sha256(bytes), pluginVersion, compilerDigest, options, List.of());
        if (previous != null && previous.sameInputs(wanted) && previous.outputsExist()) {
            return new Result(Outcome.UP_TO_DATE, null);
        }
        if (previous != null) {
            deleteOutputs(previous);
        }
        CompiledModule compiled = Compiler.compile(bytes, new CompilerOptions(moduleClass()));
        List<Path> outputs = new ArrayList<>();
        for (var file : compiled.files().entrySet()) {
            Path out = classes.resolve(file.getKey());
            Files.createDirectories(out.getParent());
            Files.write(out, file.getValue());
            outputs.add(out.toAbsolutePath());
        }
        if (facade) {
            String shapeFile = moduleClass().replace('.', '/') + Module.SHAPE_SUFFIX;
            ModuleShape shape = ModuleShape.fromBytes(compiled.files().get(shapeFile));
            String source = new FacadeWriter(shape, facadeClass, moduleClass(), wasm.getFileName().toString(),
                    hostModules).write();
            Path out = sources.resolve(facadeClass.replace('.', '/') + ".java");
            Files.createDirectories(out.getParent());
            Files.writeString(out, source, StandardCharsets.UTF_8);
            outputs.add(out.toAbsolutePath());
        }
        new Stamp(wanted.wasm(), pluginVersion, compilerDigest, options, outputs).write(stamp);
        return new Result(Outcome.COMPILED, compiled.stats());
    }

    /** Deletes what the stamp in {@code stampFile} lists, and the stamp: its module is gone or changed. */
    public static void deleteOutputs(Path stampFile) throws IOException {
        Stamp old = Stamp.read(stampFile);
        if (old != null) {
            deleteOutputs(old);
        }
        Files.deleteIfExists(stampFile);
    }

    private static void deleteOutputs(Stamp old) throws IOException {
        for (Path p : old.outputs()) {
            Files.deleteIfExists(p);
        }
    }
}
