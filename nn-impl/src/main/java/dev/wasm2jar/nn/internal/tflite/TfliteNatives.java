package dev.wasm2jar.nn.internal.tflite;

import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TensorFlow Lite's native library, loaded on first use: JavaCPP extracts and loads it when a class that calls into
 * it is initialized, so nothing here touches those classes until a guest loads its first graph. A module that
 * imports no NN function never gets here.
 */
final class TfliteNatives {
    /** {@code tflite::LoggerOptions::SetMinimumLogSeverity(LogSeverity)}, which JavaCPP does not map. */
    private static final String SET_MINIMUM_LOG_SEVERITY = "_ZN6tflite13LoggerOptions21SetMinimumLogSeverityENS_11LogSeverityE";
    /** {@code TFLITE_LOG_WARNING}: the INFO lines (the XNNPACK delegate's "Created ...") go. */
    private static final int WARNING = 2;

    private TfliteNatives() {}

    /** Loads the natives once; the outcome of the first try stands. */
    private static final class Holder {
        static final String FAILURE = load();

        /** Why the natives did not load, or null when they did. */
        private static String load() {
            try {
                quiet(Loader.load(tensorflowlite.class));
                return null;
            } catch (NoClassDefFoundError e) { // a runnable jar without bytedeco's jars
                return "TensorFlow Lite (org.bytedeco:tensorflow-lite) is not on the class path: " + e.getMessage();
            } catch (Throwable t) { // UnsatisfiedLinkError: no natives for this platform, or they do not link
                return "TensorFlow Lite's native library did not load on " + Loader.getPlatform() + ": " + t;
            }
        }
    }

    /** Makes sure the natives are loaded. */
    static void require() throws NnException {
        String failure = Holder.FAILURE;
        if (failure != null) {
            throw new NnException(NnError.RUNTIME_ERROR, failure);
        }
    }

    /**
     * Raises TensorFlow Lite's log threshold to warnings, so that its INFO lines do not reach the guest's stderr:
     * through java.lang.foreign, looked up reflectively because wasm2jar's classes are Java 21's, where it is a
     * preview API. Where it is not there (JDK 21), TensorFlow Lite keeps printing its one INFO line.
     */
    private static void quiet(String library) {
        try {
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> lookup = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptor = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> linker = Class.forName("java.lang.foreign.Linker");
            Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
            Object symbols = lookup.getMethod("libraryLookup", Path.class, arena)
                    .invoke(null, Path.of(library), arena.getMethod("global").invoke(null));
            Optional<?> symbol = (Optional<?>) lookup.getMethod("find", String.class)
                    .invoke(symbols, SET_MINIMUM_LOG_SEVERITY);
            if (symbol.isEmpty()) {
                return;
            }
            Object layouts = java.lang.reflect.Array.newInstance(memoryLayout, 1);
            java.lang.reflect.Array.set(layouts, 0,
                    Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null));
            Object signature = descriptor.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts);
            Object nativeLinker = linker.getMethod("nativeLinker").invoke(null);
            MethodHandle set = (MethodHandle) linker.getMethod("downcallHandle",
                    Class.forName("java.lang.foreign.MemorySegment"), descriptor, option.arrayType())
                    .invoke(nativeLinker, symbol.get(), signature, java.lang.reflect.Array.newInstance(option, 0));
            set.invoke(WARNING);
        } catch (Throwable t) {
            // JDK 21, or the symbol changed: TensorFlow Lite's default logging stays
        }
    }
}
