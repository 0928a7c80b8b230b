package dev.wasm2jar.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.nn.internal.image.ImageDecoder;
import dev.wasm2jar.nn.internal.spec.ImageFormat;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import org.junit.jupiter.api.Test;

/** guests/rust/nn_bench.rs, the guest of the benchmark (bin/nn-bench), classifies as the backend does. */
class NnBenchGuestTest {
    private static int call(Instance instance, String name, Object... args) {
        return (Integer) instance.function(name).call(args)[0];
    }

    @Test
    void classifiesTheCatOnEveryCall() throws Exception {
        byte[] model = TestData.bytes(TestData.model(TestData.SMALL));
        byte[] pixels = new byte[128 * 128 * 3];
        ImageDecoder.decode(TestData.bytes(TestData.image("cat.bmp")), 128, 128, ImageFormat.RGB8, pixels, 0,
                pixels.length);
        try (Wasi wasi = Wasi.create(WasiConfig.defaults()); WasiNn nn = WasiNn.create(NnConfig.defaults())) {
            Instance guest = Linker.create().with(wasi).with(nn).instantiate(Guests.module("nn_bench"));
            Memory memory = guest.memory("memory");
            int modelAt = call(guest, "alloc", model.length);
            memory.write(modelAt, model);
            assertEquals(0, call(guest, "prepare", modelAt, model.length, 1001));
            int inputAt = call(guest, "alloc", pixels.length);
            memory.write(inputAt, pixels);
            for (int i = 0; i < 3; i++) {
                assertEquals(286, call(guest, "classify", inputAt, 128, 128), "Egyptian cat");
            }
            assertEquals(-1, call(guest, "classify", inputAt, 127, 128), "a wrong shape: invalid_argument");
        }
    }
}
