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

    @Test
    void networkFlags() throws IOException {
        assertEquals(WasiConfig.Network.ANY, WasiConfig.defaults().network());
        WasiConfig c = WasiFlags.apply(WasiConfig.defaults(), "--net", "off");
        assertEquals(new WasiConfig.Network(false, List.of(), List.of()), c.network());
        c = WasiFlags.apply(WasiFlags.apply(c, "--net", "on"), "--allow-listen", "127.0.0.1:8080");
        c = WasiFlags.apply(c, "--allow-listen", "[::1]:*");
        c = WasiFlags.apply(c, "--allow-connect", "*:6379");
        assertEquals(new WasiConfig.Network(true, List.of("127.0.0.1:8080", "[::1]:*"), List.of("*:6379")),
                c.network());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WasiFlags.apply(WasiConfig.defaults(), "--allow-connect", "6379"));
        assertEquals("--allow-connect 6379: give HOST:PORT, such as 127.0.0.1:8080, [::1]:*, *:6379", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> WasiFlags.apply(WasiConfig.defaults(), "--allow-listen", "127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> WasiFlags.apply(WasiConfig.defaults(), "--net", "no"));
    }
}
