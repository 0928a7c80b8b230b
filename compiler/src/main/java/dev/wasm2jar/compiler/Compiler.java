package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.compiler.internal.classfile.ModuleClassWriter;
import dev.wasm2jar.compiler.internal.classfile.StructClassWriter;
import dev.wasm2jar.compiler.internal.decode.EndiveDecoder;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.model.JvmLimitException;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.split.Splitter;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/** Compiles a WebAssembly module into JVM classes. */
public final class Compiler {
    private Compiler() {}

    /**
     * Decodes, validates and compiles {@code wasm}.
     *
     * @throws MalformedException when the bytes do not decode
     * @throws InvalidException when the module does not validate
     * @throws UnsupportedFeatureException when the module needs a feature that {@code options} leave out or that
     *     wasm2jar does not support (yet)
     * @throws CompilationException when the module cannot be compiled for another reason (a JVM limit)
     */
    public static CompiledModule compile(byte[] wasm, CompilerOptions options) {
        return compile(wasm, options, Progress.NONE);
    }

    /** {@link #compile(byte[], CompilerOptions)}, telling {@code progress} how far it is. */
    public static CompiledModule compile(byte[] wasm, CompilerOptions options, Progress progress) {
        return compile(wasm, options, progress, Splitter.DEFAULT_TARGET);
    }

    /**
     * {@link #compile(byte[], CompilerOptions, Progress)} with another target for splitting functions: tests use a
     * small one to see small functions split.
     */
    static CompiledModule compile(byte[] wasm, CompilerOptions options, Progress progress, int splitTarget) {
        try {
            return CompileThreads.call(() -> compileHere(wasm, options, progress, splitTarget)); // deep nesting: deep stacks
        } catch (JvmLimitException e) {
            throw new CompilationException(e.getMessage());
        }
    }

    private static CompiledModule compileHere(byte[] wasm, CompilerOptions options, Progress progress,
            int splitTarget) {
        long started = System.nanoTime();
        ModuleModel model = EndiveDecoder.decode(wasm, options.features());
        ModuleLayout.ClassBudget budget = ModuleLayout.ClassBudget.DEFAULT;
        while (true) {
            ModuleLayout layout = new ModuleLayout(model, options.className(), budget, options.metering());
            Map<String, byte[]> files;
            try {
                files = writeClasses(layout, progress, splitTarget);
            } catch (ClassTooLargeException e) {
                if (budget.functions() == 1) {
                    throw new CompilationException("class " + e.getClassName() + " has too many constants ("
                            + e.getConstantPoolCount() + ") even with one function");
                }
                budget = budget.half();
                continue;
            }
            files.put(layout.className() + Module.SHAPE_SUFFIX, shape(model, layout).toBytes());
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new CompiledModule(options.className(), files, CompileStats.of(files, millis));
        }
    }

    /** The function classes (in parallel), then the module class, which holds the stubs they ask for. */
    private static Map<String, byte[]> writeClasses(ModuleLayout layout, Progress progress, int splitTarget) {
        Map<Integer, Integer> targets = new ConcurrentHashMap<>();
        if (splitTarget != Splitter.DEFAULT_TARGET) {
            for (int f = layout.importedFunctions(); f < layout.model().functionCount(); f++) {
                targets.put(f, splitTarget);
            }
        }
        List<String> classes = layout.classes();
        byte[][] classFiles = new byte[classes.size()][];
        int total = layout.model().functionCount() - layout.importedFunctions();
        AtomicInteger done = new AtomicInteger();
        Runnable functionDone = () -> progress.functions(done.incrementAndGet(), total);
        CompileThreads.forEach(1, classes.size(), c -> classFiles[c] = withinLimit(layout, targets,
                () -> ModuleClassWriter.writeFunctionClass(layout, c, targets, functionDone)));
        classFiles[0] = withinLimit(layout, targets, () -> new ModuleClassWriter(layout, targets, functionDone).write());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            files.put(classes.get(c) + ".class", classFiles[c]);
        }
        for (int struct : layout.structClasses()) {
            files.put(layout.structClass(struct) + ".class", StructClassWriter.write(layout, struct));
        }
        return files;
    }

    /**
     * Writes a class; where a part still came out over HotSpot's limit (plans work from estimates), plans that
     * function again with a smaller target.
     */
    private static byte[] withinLimit(ModuleLayout layout, Map<Integer, Integer> targets,
            java.util.function.Supplier<byte[]> write) {
        byte[] best = null;
        int bestLargest = Integer.MAX_VALUE;
        for (int attempt = 0; attempt < 4; attempt++) {
            byte[] classFile;
            try {
                classFile = write.get();
            } catch (MethodTooLargeException e) {
                throw new CompilationException("method " + e.getMethodName() + " needs " + e.getCodeSize()
                        + " bytes of bytecode, over the JVM's 64 KiB limit");
            } catch (UnsupportedOperationException e) {
                // An instruction the translator has no code for: not the module's fault, so never "invalid".
                throw new CompilationException(e.getMessage());
            }
            Map<Integer, Integer> retry = new HashMap<>();
            int largest = 0;
            for (var method : ClassFileSizes.methodSizes(classFile).entrySet()) {
                String name = method.getKey().substring(0, method.getKey().indexOf('('));
                int function = layout.functionOfMethod(name);
                largest = Math.max(largest, method.getValue());
                if (method.getValue() > Splitter.METHOD_LIMIT && function >= 0) {
                    retry.put(function, targets.getOrDefault(function, Splitter.DEFAULT_TARGET) * 3 / 5);
                }
            }
            if (retry.isEmpty()) {
                return classFile;
            }
            if (largest < bestLargest) {
                best = classFile;
                bestLargest = largest;
            }
            targets.putAll(retry);
        }
        return best;
    }

    private static ModuleShape shape(ModuleModel model, ModuleLayout layout) {
        List<String> classes = layout.classes().stream().map(c -> c.replace('/', '.')).toList();
        return new ModuleShape(model.types(), model.imports(), model.functionTypes(), classes,
                layout.functionClasses(), layout.definedFunctionMethods(), model.functionNames(), model.tables(),
                model.memories(), model.globals(), model.exports(), model.elements(), model.data(), model.start(),
                model.tags());
    }
}
