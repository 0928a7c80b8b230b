package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * DNS, UDP, socket options and addresses through WasmEdge's calls (guests/rust/net_probe.rs): sock_getaddrinfo
 * for a name, numbers and a service name, and a name that does not resolve; datagrams with their sender and a
 * truncated one; SO_RCVTIMEO ending a blocking receive; options read back; a refused connect, blocking and not
 * (in progress, then writable, then SO_ERROR); IPv6 loopback.
 */
class NetProbeTest {
    @Test
    void dnsUdpOptionsAndAddresses() throws Exception {
        Guests.Run run = Guests.run("net_probe", UnaryOperator.identity());
        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                localhost:80 has 127.0.0.1:80: true
                127.0.0.1:6379 -> Ok([([127, 0, 0, 1], 6379)])
                ::1:443 -> Ok([(16, 443)])
                127.0.0.1:http -> Ok(80)
                no-such-host.invalid -> Err(84)
                udp send_to: Ok(4)
                udp recv_from: "ping" from [127, 0, 0, 1], sender port matches: true, truncated: false
                udp 100 bytes into 10: 10 received, truncated: true
                SO_RCVTIMEO: Ok(150)
                recv with nothing to receive: errno 6 after the timeout: true
                udp SO_TYPE: Ok(1)
                listener SO_ACCEPTCONN: Ok(1), SO_REUSEADDR: Ok(1), SO_TYPE: Ok(2)
                client SO_KEEPALIVE: Ok(1), SO_RCVBUF >= 65536: true, SO_SNDBUF >= 65536: true, SO_ERROR: Ok(0)
                accepted: peer [127, 0, 0, 1], port matches: true, SO_ACCEPTCONN: Ok(0)
                tcp received: "over tcp"
                recv on a non-blocking socket with nothing there: errno 6
                connect to a closed port: errno 14
                non-blocking connect to a listening port: in progress or done: true, writable: true, SO_ERROR: Ok(0)
                non-blocking connect to a closed port: in progress or done: true, writable: true, SO_ERROR: Ok(14)
                ipv6: listening on 16 bytes, connected: Ok((16, true))
                """, run.out());
    }
}
