package dev.wasm2jar.nn.internal.spec;

import dev.wasm2jar.nn.NnError;
import dev.wasm2jar.nn.NnException;
import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.runtime.host.ErrorCodes;
import java.util.Map;

/**
 * The three host modules as guests import them: module names, every function with its parameter count (all
 * parameters and results are i32), and how each module's failures become its codes. Kept apart from the functions
 * (internal.fn) so that offering them loads nothing else: every run offers them, NN or not.
 */
public final class Modules {
    private Modules() {}

    /** WasmEdge's wasi-nn (plugins/wasi_nn/wasinnmodule.cpp). */
    public static final String WASI_NN = "wasi_ephemeral_nn";
    public static final Map<String, Integer> WASI_NN_FUNCTIONS = Map.ofEntries(Map.entry("load", 5),
            Map.entry("load_by_name", 3), Map.entry("load_by_name_with_config", 5),
            Map.entry("init_execution_context", 2), Map.entry("set_input", 3), Map.entry("get_output", 5),
            Map.entry("get_output_single", 5), Map.entry("compute", 1), Map.entry("compute_single", 1),
            Map.entry("fini_single", 1), Map.entry("unload", 1), Map.entry("finalize_execution_context", 1));

    /** WasmEdge's TensorFlow Lite sessions (plugins/wasmedge_tensorflowlite/tensorflowlite_module.cpp). */
    public static final String TENSORFLOWLITE = "wasmedge_tensorflowlite";
    public static final Map<String, Integer> TENSORFLOWLITE_FUNCTIONS = Map.of("create_session", 3,
            "delete_session", 1, "run_session", 1, "get_output_tensor", 4, "get_tensor_len", 3, "get_tensor_data", 5,
            "append_input", 5);

    /** WasmEdge's image decoding (plugins/wasmedge_image/image_module.cpp). */
    public static final String IMAGE = "wasmedge_image";
    public static final Map<String, Integer> IMAGE_FUNCTIONS = Map.of("load_jpg", 7, "load_png", 7, "load_image", 7);

    /** wasi-nn's code for a failure; a guest range outside memory is invalid_argument. */
    public static final ErrorCodes.Mapper WASI_NN_CODES = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) throws Throwable {
            if (failure instanceof NnException e) {
                return e.error().code;
            }
            if (failure instanceof IndexOutOfBoundsException) {
                return NnError.INVALID_ARGUMENT.code;
            }
            throw failure;
        }
    };

    /** wasmedge_tensorflowlite's codes are wasi-nn's first six; a range outside memory is missing_memory. */
    public static final ErrorCodes.Mapper TENSORFLOWLITE_CODES = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) throws Throwable {
            if (failure instanceof NnException e) {
                return Math.min(e.error().code, NnError.RUNTIME_ERROR.code);
            }
            if (failure instanceof IndexOutOfBoundsException) {
                return NnError.MISSING_MEMORY.code;
            }
            throw failure;
        }
    };

    /** wasmedge_image has one failure code, 1. */
    public static final ErrorCodes.Mapper IMAGE_CODES = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) throws Throwable {
            if (failure instanceof ImageDecoder.ImageException || failure instanceof IndexOutOfBoundsException) {
                return 1;
            }
            throw failure;
        }
    };
}
