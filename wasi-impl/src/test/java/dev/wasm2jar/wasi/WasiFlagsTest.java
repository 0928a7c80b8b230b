package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flags read as WasmEdge's (GUEST:HOST), wasmtime's (HOST::GUEST) and plain PATH. */
class WasiFlagsTest {
    private static WasiConfig.Preopen dir(String spec) throws IOException {
        return WasiFlags.apply(WasiConfig.defaults(), "--dir", spec).preopens().get(0);
    }

    @Test
    void dirSpellings() throws IOException {
        assertEquals(new WasiConfig.Preopen(".", Path.of(".")), dir(".:."));
        assertEquals(new WasiConfig.Preopen("/", Path.of("fs-tests.dir")), dir("/:fs-tests.dir"));
        assertEquals(new WasiConfig.Preopen("/data", Path.of("/srv/data")), dir("/data:/srv/data"));
        assertEquals(new WasiConfig.Preopen("/data", Path.of("/srv/data")), dir("/srv/data::/data"));
        assertEquals(new WasiConfig.Preopen("assets", Path.of("assets")), dir("assets"));
        assertThrows(IllegalArgumentException.class, () -> dir(":x"));
        assertThrows(IllegalArgumentException.class, () -> dir("x:"));
    }

    @Test
    void envValuesAndOrder() throws IOException {
        WasiConfig c = WasiFlags.apply(WasiConfig.defaults(), "--env", "B=2");
        c = WasiFlags.apply(c, "--env", "A=x=y");
        c = WasiFlags.apply(c, "--env", "EMPTY=");
        assertEquals(List.of("B", "A", "EMPTY"), List.copyOf(c.env().keySet()));
        assertEquals(Map.of("B", "2", "A", "x=y", "EMPTY", ""), c.env());
        assertThrows(IllegalArgumentException.class, () -> WasiFlags.apply(WasiConfig.defaults(), "--env", "=v"));
        assertEquals(Map.of(), WasiFlags.apply(WasiConfig.defaults(), "--env", "NO_SUCH_VARIABLE_X1").env());
    }

    @Test
    void tcplistenBindsALoopbackListener() throws IOException {
        WasiConfig c = WasiFlags.apply(WasiConfig.defaults(), "--tcplisten", "127.0.0.1:0");
        try (var listener = c.listeners().get(0)) {
            assertEquals("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getAddress().getHostAddress());
        }
        assertThrows(IllegalArgumentException.class,
                () -> WasiFlags.apply(WasiConfig.defaults(), "--tcplisten", "8080"));
    }
}
