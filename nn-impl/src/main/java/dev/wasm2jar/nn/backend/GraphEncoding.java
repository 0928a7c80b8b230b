package dev.wasm2jar.nn.backend;

import java.util.List;
import java.util.Locale;

/**
 * The graph encodings (backends) of wasi-nn, with WasmEdge's numbers ({@code Backend} in wasinntypes.h) and the
 * names its {@code --nn-preload} accepts. wasm2jar has a backend for {@link #TENSORFLOWLITE}; a guest that asks for
 * another gets {@link NnError#INVALID_ENCODING}.
 */
public enum GraphEncoding {
    OPENVINO(0, "openvino"),
    ONNX(1, "onnx"),
    TENSORFLOW(2, "tensorflow"),
    PYTORCH(3, "pytorch", "pytorchaoti"),
    TENSORFLOWLITE(4, "tensorflowlite"),
    AUTODETECT(5, "autodetect"),
    GGML(6, "ggml"),
    NEURALSPEED(7, "neuralspeed"),
    WHISPER(9, "whisper"),
    MLX(10, "mlx"),
    PIPER(11, "piper"),
    CHATTTS(12, "chattts"),
    OPENVINO_GENAI(13, "openvinogenai"),
    BITNET(14, "bitnet");

    /** The number a guest passes to {@code load}. */
    public final int code;
    private final List<String> names;

    GraphEncoding(int code, String... names) {
        this.code = code;
        this.names = List.of(names);
    }

    /** The encoding numbered {@code code}, or null. */
    public static GraphEncoding of(int code) {
        for (GraphEncoding e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }

    /** The encoding {@code --nn-preload} calls {@code name} (any case), or null. */
    public static GraphEncoding named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (GraphEncoding e : values()) {
            if (e.names.contains(lower)) {
                return e;
            }
        }
        return null;
    }

    /** The name {@code --nn-preload} uses. */
    public String flagName() {
        return names.get(0);
    }
}
