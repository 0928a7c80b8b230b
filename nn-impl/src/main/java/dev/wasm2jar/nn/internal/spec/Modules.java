package dev.wasm2jar.nn.internal.spec;

import java.util.Map;

/**
 * The three host modules as guests import them: module names and every function with its parameter count (all
 * parameters and results are i32). Kept apart from the functions (internal.fn) so that offering them loads nothing
 * else: every run offers them, NN or not.
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
}
