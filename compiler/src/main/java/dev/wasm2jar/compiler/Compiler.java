package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.compiler.internal.classfile.FunctionWriter;
import dev.wasm2jar.compiler.internal.classfile.ModuleClassWriter;
import dev.wasm2jar.compiler.internal.classfile.ModuleLayout;
import dev.wasm2jar.compiler.internal.decode.EndiveDecoder;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.split.Splitter;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
     * @throws CompilationException when the module is valid but cannot be compiled
     */
    public static CompiledModule compile(byte[] wasm, CompilerOptions options) {
        return compile(wasm, options, Progress.NONE);
    }

    /** {@link #compile(byte[], CompilerOptions)}, telling {@code progress} how far it is. */
    public static CompiledModule compile(byte[] wasm, CompilerOptions options, Progress progress) {
        long started = System.nanoTime();
        ModuleModel model = EndiveDecoder.decode(wasm);
        ModuleLayout.ClassBudget budget = ModuleLayout.ClassBudget.DEFAULT;
        while (true) {
            ModuleLayout layout = new ModuleLayout(model, options.className(), budget);
            FunctionWriter.Counts counts = new FunctionWriter.Counts();
            Map<String, byte[]> files;
            try {
                files = writeClasses(layout, counts, progress);
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
            return new CompiledModule(options.className(), files, stats(files, layout, counts, millis));
        }
    }

    /** The function classes (in parallel), then the module class, which holds the stubs they ask for. */
    private static Map<String, byte[]> writeClasses(ModuleLayout layout, FunctionWriter.Counts counts,
            Progress progress) {
        Map<Integer, Integer> targets = new ConcurrentHashMap<>();
        List<String> classes = layout.classes();
        byte[][] classFiles = new byte[classes.size()][];
        int total = layout.model().functionCount() - layout.importedFunctions();
        AtomicInteger done = new AtomicInteger();
        Runnable functionDone = () -> progress.functions(done.incrementAndGet(), total);
        IntStream.range(1, classes.size()).parallel().forEach(c -> classFiles[c] = withinLimit(layout, targets,
                attemptCounts -> ModuleClassWriter.writeFunctionClass(layout, c, targets, attemptCounts, functionDone),
                counts));
        classFiles[0] = withinLimit(layout, targets, attemptCounts -> {
            ModuleClassWriter writer = new ModuleClassWriter(layout, targets, functionDone);
            byte[] bytes = writer.write();
            attemptCounts.add(writer.counts());
            return bytes;
        }, counts);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            files.put(classes.get(c) + ".class", classFiles[c]);
        }
        return files;
    }

    /**
     * Writes a class; where a part still came out over HotSpot's limit (plans work from estimates), plans that
     * function again with a smaller target.
     */
    private static byte[] withinLimit(ModuleLayout layout, Map<Integer, Integer> targets,
            java.util.function.Function<FunctionWriter.Counts, byte[]> write, FunctionWriter.Counts counts) {
        for (int attempt = 0; ; attempt++) {
            FunctionWriter.Counts attemptCounts = new FunctionWriter.Counts();
            byte[] classFile;
            try {
                classFile = write.apply(attemptCounts);
            } catch (MethodTooLargeException e) {
                throw new CompilationException("method " + e.getMethodName() + " needs " + e.getCodeSize()
                        + " bytes of bytecode, over the JVM's 64 KiB limit");
            }
            Map<Integer, Integer> retry = new HashMap<>();
            ClassFileSizes.methodSizes(classFile).forEach((method, size) -> {
                int function = layout.functionOfMethod(method.substring(0, method.indexOf('(')));
                if (size > Splitter.METHOD_LIMIT && function >= 0) {
                    retry.put(function, targets.getOrDefault(function, Splitter.DEFAULT_TARGET) * 3 / 5);
                }
            });
            if (retry.isEmpty() || attempt == 3) {
                counts.add(attemptCounts);
                return classFile;
            }
            targets.putAll(retry);
        }
    }

    private static CompileStats stats(Map<String, byte[]> files, ModuleLayout layout, FunctionWriter.Counts counts,
            long millis) {
        int methods = 0;
        int largest = 0;
        int over = 0;
        String largestName = "";
        for (var file : files.entrySet()) {
            if (!file.getKey().endsWith(".class")) {
                continue;
            }
            for (var method : ClassFileSizes.methodSizes(file.getValue()).entrySet()) {
                methods++;
                if (method.getValue() > Splitter.METHOD_LIMIT) {
                    over++;
                }
                if (method.getValue() > largest) {
                    largest = method.getValue();
                    largestName = file.getKey().replace(".class", "").replace('/', '.') + "."
                            + method.getKey().substring(0, method.getKey().indexOf('('));
                }
            }
        }
        int defined = layout.model().functionCount() - layout.importedFunctions();
        return new CompileStats(defined, layout.importedFunctions(), layout.classes().size(), methods,
                counts.splitFunctions, counts.parts, largest, largestName, over, millis);
    }

    private static ModuleShape shape(ModuleModel model, ModuleLayout layout) {
        List<String> classes = layout.classes().stream().map(c -> c.replace('/', '.')).toList();
        return new ModuleShape(model.types(), model.imports(), model.functionTypes(), classes,
                layout.functionClasses(), layout.definedFunctionMethods(), model.functionNames(), model.tables(),
                model.memories(), model.globals(), model.exports(), model.elements(), model.data(), model.start());
    }
}
