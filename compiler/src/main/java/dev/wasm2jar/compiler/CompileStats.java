package dev.wasm2jar.compiler;

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
        int parts, int largestMethod, String largestMethodName, int methodsOverLimit, long millis) {}
