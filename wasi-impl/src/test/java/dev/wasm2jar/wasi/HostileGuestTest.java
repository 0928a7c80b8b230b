package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.host.Linker;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A hostile guest (guests/wat/hostile.wat) passes bad descriptors and out-of-bounds or misaligned pointers to every
 * socket call, in both forms of those with two: each gets an errno, none a Java exception. Another
 * (guests/wat/sockets-v2.wat) imports the V2 forms under their plain names, which bind to V2 by their type.
 */
class HostileGuestTest {
    /** Every export of the guest and the errno WasmEdge gives for it (as its sources check, in their order). */
    private static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

    static {
        Map<String, Integer> e = EXPECTED;
        e.put("open_bad_family", Errno.INVAL);
        e.put("open_bad_type", Errno.INVAL);
        e.put("open_unix", Errno.NOSYS);
        e.put("open_fd_out_of_bounds", Errno.FAULT);
        e.put("open_fd_misaligned", Errno.ADDRNOTAVAIL);
        e.put("open_v2", Errno.SUCCESS);
        for (String call : new String[] {"bind", "connect", "listen", "accept1", "accept2", "recv", "recv_from1",
                "recv_from2", "send", "send_to", "shutdown", "getsockopt", "setsockopt", "local1", "local2", "peer1",
                "peer2"}) {
            e.put(call + "_bad_fd", Errno.BADF);
        }
        e.put("bind_not_socket", Errno.NOTSOCK);
        e.put("listen_not_socket", Errno.NOTSOCK);
        e.put("accept_not_socket", Errno.NOTSOCK);
        e.put("bind_address_out_of_bounds", Errno.FAULT);
        e.put("bind_address_misaligned", Errno.ADDRNOTAVAIL);
        e.put("bind_buffer_out_of_bounds", Errno.FAULT);
        e.put("bind_address_length_5", Errno.INVAL);
        e.put("connect_address_out_of_bounds", Errno.FAULT);
        e.put("accept_out_of_bounds", Errno.FAULT);
        e.put("accept_udp", Errno.NOTSUP);
        e.put("recv_iovecs_out_of_bounds", Errno.FAULT);
        e.put("recv_too_many_iovecs", Errno.INVAL);
        e.put("recv_buffer_out_of_bounds", Errno.FAULT);
        e.put("recv_bad_flags", Errno.INVAL);
        e.put("recv_length_out_of_bounds", Errno.FAULT);
        e.put("recv_from2_port_misaligned", Errno.ADDRNOTAVAIL);
        e.put("send_iovecs_out_of_bounds", Errno.FAULT);
        e.put("send_not_connected", Errno.NOTCONN);
        e.put("send_to_bad_flags", Errno.INVAL);
        e.put("send_to_huge_datagram", Errno.MSGSIZE);
        e.put("shutdown_bad_flags", Errno.INVAL);
        e.put("shutdown_not_connected", Errno.NOTCONN);
        e.put("getsockopt_length_out_of_bounds", Errno.FAULT);
        e.put("getsockopt_value_out_of_bounds", Errno.FAULT);
        e.put("getsockopt_bad_level", Errno.INVAL);
        e.put("getsockopt_bad_name", Errno.INVAL);
        e.put("setsockopt_value_out_of_bounds", Errno.FAULT);
        e.put("setsockopt_short_value", Errno.INVAL);
        e.put("setsockopt_no_such_option", Errno.NOPROTOOPT);
        e.put("local1_out_of_bounds", Errno.FAULT);
        e.put("local2_not_storage", Errno.INVAL);
        e.put("peer1_not_connected", Errno.NOTCONN);
        e.put("peer2_out_of_bounds", Errno.FAULT);
        e.put("getaddrinfo_node_out_of_bounds", Errno.FAULT);
        e.put("getaddrinfo_nothing", Errno.AINONAME);
        e.put("getaddrinfo_hints_out_of_bounds", Errno.FAULT);
        e.put("getaddrinfo_looping_chain", Errno.FAULT);
        e.put("getaddrinfo_chain_out_of_bounds", Errno.FAULT);
        e.put("epoll_out_of_bounds", Errno.FAULT);
        e.put("poll_too_many", Errno.FAULT);
        e.put("poll_overflowing_count", Errno.FAULT);
        e.put("epoll_overflowing_count", Errno.FAULT);
    }

    /**
     * Without network every WasmEdge call is {@code nosys}. The calls WASI preview 1 has under the same name and
     * type (sock_recv, sock_send, sock_shutdown) keep WASI's behavior, as they can reach only the sockets the host
     * gave the guest: here none, so a bad descriptor is {@code badf} and the guest's failed sock_open left it
     * descriptor 0, standard input, {@code notsock}. The polls are no network calls.
     */
    private static int withoutNetwork(String export) {
        if (export.contains("poll")) {
            return EXPECTED.get(export);
        }
        boolean wasi = export.startsWith("recv_") && !export.startsWith("recv_from")
                || export.startsWith("send_") && !export.startsWith("send_to") || export.startsWith("shutdown_");
        return !wasi ? Errno.NOSYS : export.endsWith("_bad_fd") ? Errno.BADF : Errno.NOTSOCK;
    }

    private static Map<String, Integer> run(WasiConfig.Network network) throws Exception {
        Map<String, Integer> got = new TreeMap<>();
        for (String export : EXPECTED.keySet()) {
            WasiConfig config = WasiConfig.defaults().withArgs(java.util.List.of("hostile"))
                    .withStdout(new ByteArrayOutputStream()).withNetwork(network);
            try (Wasi wasi = Wasi.create(config)) {
                Instance instance = Linker.create().with(wasi).with(new WasmEdgeSockets(wasi))
                        .instantiate(Guests.module("hostile"));
                got.put(export, (Integer) instance.function(export).call()[0]);
            }
        }
        return got;
    }

    @Test
    void everyBadArgumentGetsWasmEdgesErrno() throws Exception {
        assertEquals(new TreeMap<>(EXPECTED), run(WasiConfig.Network.ANY));
    }

    @Test
    void theV2FormsBindByTheirTypeUnderThePlainNames() throws Exception {
        try (Wasi wasi = Wasi.create(WasiConfig.defaults())) {
            Instance instance = Linker.create().with(wasi).with(new WasmEdgeSockets(wasi))
                    .instantiate(Guests.module("sockets-v2"));
            int port = (Integer) instance.function("run").call()[0];
            assertTrue(port > 0, "the sender's port from sock_recv_from V2 is the one sock_getlocaladdr V2 gave: "
                    + port);
            assertEquals(Errno.AGAIN, instance.function("accept").call()[0]);
        }
    }

    @Test
    void withoutNetworkEverySocketCallIsNosys() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        EXPECTED.keySet().forEach(export -> expected.put(export, withoutNetwork(export)));
        assertEquals(expected, run(new WasiConfig.Network(false, java.util.List.of(), java.util.List.of())));
    }
}
