package dev.wasm2jar.nn.internal.tflite;

import dev.wasm2jar.nn.NnError;
import dev.wasm2jar.nn.NnException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TensorFlow Lite's native library, loaded on first use: JavaCPP extracts and loads it when a class that calls into
 * it is initialized, so nothing here touches those classes until a guest loads its first graph. A module that
 * imports no NN function never gets here.
 */
final class TfliteNatives {
    private TfliteNatives() {}

    /** Loads the natives once; the outcome of the first try stands. */
    private static final class Holder {
        static final Throwable FAILURE = load();

        private static Throwable load() {
            try {
                Loader.load(tensorflowlite.class);
                return null;
            } catch (Throwable t) { // UnsatisfiedLinkError, or no natives for this platform
                return t;
            }
        }
    }

    /** Makes sure the natives are loaded. */
    static void require() throws NnException {
        Throwable failure = Holder.FAILURE;
        if (failure != null) {
            throw new NnException(NnError.RUNTIME_ERROR, "TensorFlow Lite's native library did not load on "
                    + Loader.getPlatform() + ": " + failure, failure);
        }
    }
}
