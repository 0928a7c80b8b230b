package dev.wasm2jar.compiler;

import dev.wasm2jar.compiler.internal.classfile.ClassFileSizes;
import dev.wasm2jar.compiler.internal.split.Splitter;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compilation produced, for {@code wasm2jar compile}'s summary and {@code wasm2jar inspect}.
 *
 * @param functions defined functions
 * @param importedFunctions imported functions
 * @param classes class files
 * @param methods methods in them, parts and stubs included
 * @param splitFunctions functions cut into parts because they were too large for one method
 * @param parts part methods
 * @param largestMethod bytecode bytes of the largest method
 * @param largestMethodName its class and name
 * @param methodsOverLimit methods over HotSpot's 8,000-byte compile limit
 * @param millis compile time, or -1 when not known (inspecting a jar)
 */
public record CompileStats(int functions, int importedFunctions, int classes, int methods, int splitFunctions,
        int parts, int largestMethod, String largestMethodName, int methodsOverLimit, long millis) {

    private static final Pattern PART = Pattern.compile("^(.*)_part[0-9]+$");

    /** The statistics of a compiled module's files (as {@link CompiledModule#files()} or a jar holds them). */
    public static CompileStats of(Map<String, byte[]> files, long millis) {
        int functions = 0;
        int imported = 0;
        int classes = 0;
        int methods = 0;
        int parts = 0;
        int largest = 0;
        int over = 0;
        String largestName = "";
        Set<String> split = new HashSet<>();
        for (var file : files.entrySet()) {
            if (file.getKey().endsWith(Module.SHAPE_SUFFIX)) {
                ModuleShape shape = ModuleShape.fromBytes(file.getValue());
                imported = shape.importedFunctionCount();
                functions = shape.functionTypes().length - imported;
            }
            if (!file.getKey().endsWith(".class")) {
                continue;
            }
            classes++;
            String className = file.getKey().substring(0, file.getKey().length() - 6).replace('/', '.');
            for (var method : ClassFileSizes.methodSizes(file.getValue()).entrySet()) {
                String name = method.getKey().substring(0, method.getKey().indexOf('('));
                int size = method.getValue();
                methods++;
                Matcher part = PART.matcher(name);
                if (part.matches()) {
                    parts++;
                    split.add(className + "." + part.group(1));
                }
                if (size > Splitter.METHOD_LIMIT) {
                    over++;
                }
                if (size > largest) {
                    largest = size;
                    largestName = className + "." + name;
                }
            }
        }
        return new CompileStats(functions, imported, classes, methods, split.size(), parts, largest, largestName, over,
                millis);
    }

    /** The summary lines {@code wasm2jar compile} and {@code inspect} print. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("functions: " + functions + (importedFunctions > 0 ? " (+" + importedFunctions + " imported)" : ""));
        out.add("classes: " + classes);
        out.add("methods: " + methods);
        out.add("split functions: " + splitFunctions + " (" + parts + " parts)");
        out.add("largest method: " + largestMethod + " bytes (" + largestMethodName + ")");
        out.add("methods over " + Splitter.METHOD_LIMIT + " bytes: " + methodsOverLimit);
        if (millis >= 0) {
            out.add(String.format(java.util.Locale.ROOT, "time: %.1f s", millis / 1000.0));
        }
        return out;
    }
}
