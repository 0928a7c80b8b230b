package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.internal.classfile.ModuleClassWriter;
import dev.wasm2jar.compiler.internal.classfile.ModuleLayout;
import dev.wasm2jar.compiler.internal.decode.EndiveDecoder;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.compiler.internal.split.Splitter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.MethodTooLargeException;

/** Compiles a WebAssembly module into JVM classes. */
public final class Compiler {
    private Compiler() {}

    /**
     * Decodes, validates and compiles {@code wasm}.
     *
     * @throws MalformedException when the bytes do not decode
     * @throws InvalidException when the module does not validate
     * @throws CompilationException when the module is valid but cannot be compiled (yet)
     */
    public static CompiledModule compile(byte[] wasm, CompilerOptions options) {
        ModuleModel model = EndiveDecoder.decode(wasm);
        ModuleLayout layout = new ModuleLayout(model, options.className());
        byte[] classFile = writeClass(layout);
        Map<String, byte[]> files = new LinkedHashMap<>();
        String path = layout.className();
        files.put(path + ".class", classFile);
        files.put(path + Module.SHAPE_SUFFIX, shape(model, layout, options.className()).toBytes());
        return new CompiledModule(options.className(), files);
    }

    /**
     * Writes the module class; where a part still came out over HotSpot's limit (the plan works from estimates),
     * plans that function again with a smaller target.
     */
    private static byte[] writeClass(ModuleLayout layout) {
        Map<Integer, Integer> targets = new HashMap<>();
        for (int attempt = 0; ; attempt++) {
            byte[] classFile;
            try {
                classFile = new ModuleClassWriter(layout, targets).write();
            } catch (MethodTooLargeException e) {
                throw new CompilationException("method " + e.getMethodName() + " needs " + e.getCodeSize()
                        + " bytes of bytecode, over the JVM's 64 KiB limit");
            }
            Map<Integer, Integer> retry = new HashMap<>();
            ClassFileSizes.methodSizes(classFile).forEach((method, size) -> {
                int function = layout.functionOfMethod(method.substring(0, method.indexOf('(')));
                if (size > Splitter.METHOD_LIMIT && function >= 0) {
                    int target = targets.getOrDefault(function, Splitter.DEFAULT_TARGET);
                    retry.put(function, target * 3 / 5);
                }
            });
            if (retry.isEmpty() || attempt == 3) {
                return classFile;
            }
            targets.putAll(retry);
        }
    }

    private static ModuleShape shape(ModuleModel model, ModuleLayout layout, String className) {
        int defined = model.functionCount() - layout.importedFunctions();
        return new ModuleShape(model.types(), model.imports(), model.functionTypes(), java.util.List.of(className),
                new int[defined], layout.definedFunctionMethods(), model.functionNames(), model.tables(),
                model.memories(), model.globals(), model.exports(), model.elements(), model.data(), model.start());
    }
}
