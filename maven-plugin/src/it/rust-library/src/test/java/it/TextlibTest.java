package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.Wasi;
import dev.wasm2jar.wasi.WasiConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import wasm.Textlib;

class TextlibTest {
    private final Wasi wasi = Wasi.create(WasiConfig.defaults());
    // The library imports a few WASI functions (Rust's std): WASI attaches in one line.
    private final Textlib textlib = Textlib.instantiate(Linker.create().with(wasi));

    TextlibTest() throws Exception {}

    @AfterEach
    void close() throws Exception {
        wasi.close();
    }

    @Test
    void numbers() {
        assertEquals(6L, textlib.gcd(48L, 18L));
        assertEquals(1L, textlib.gcd(1_000_000_007L, 998_244_353L));
    }

    @Test
    void textThroughLinearMemory() {
        byte[] text = "naïve words, in Rust".getBytes(StandardCharsets.UTF_8);
        int at = textlib.allocBytes(text.length);
        Memory memory = textlib.memory();
        memory.write(at, text);
        assertEquals(4, textlib.wordCount(at, text.length));
        textlib.reverse(at, text.length);
        assertEquals("tsuR ni ,sdrow evïan", memory.readString(at, text.length));
        textlib.freeBytes(at, text.length);
    }

    @Test
    void doublesThroughLinearMemory() {
        double[] values = {1.5, 2.5, 4.0, 8.0};
        int at = textlib.allocBytes(8 * values.length);
        for (int i = 0; i < values.length; i++) {
            textlib.memory().writeI64(at + 8 * i, Double.doubleToRawLongBits(values[i]));
        }
        assertEquals(4.0, textlib.mean(at, values.length));
    }
}
