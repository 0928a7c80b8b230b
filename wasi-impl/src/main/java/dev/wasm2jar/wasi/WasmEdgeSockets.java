package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.wasi.internal.SocketBindings;

/**
 * WasmEdge's socket extension of {@code wasi_snapshot_preview1} on {@code java.nio}: sock_open, sock_bind,
 * sock_connect, sock_listen, sock_accept, sock_recv(_from), sock_send(_to), sock_shutdown, sock_getsockopt,
 * sock_setsockopt, sock_getlocaladdr, sock_getpeeraddr and sock_getaddrinfo, in their V1 and V2 forms (bound by
 * the import's type, as WasmEdge binds them), and epoll_oneoff. It shares a {@link Wasi}'s descriptors, so a socket
 * is read with fd_read, waited on with poll_oneoff and closed with fd_close; what the guest may reach is the
 * config's {@link WasiConfig#withNetwork network policy}. Link it after the {@code Wasi}:
 *
 * <pre>{@code
 * try (Wasi wasi = Wasi.create(config)) {
 *     Instance server = Linker.create().with(wasi).with(new WasmEdgeSockets(wasi)).instantiate(module);
 *     wasi.run(server);
 * }
 * }</pre>
 */
public final class WasmEdgeSockets implements HostModule {
    private final Wasi wasi;

    public WasmEdgeSockets(Wasi wasi) {
        this.wasi = wasi;
    }

    @Override
    public void offer(HostFunctions offer) {
        SocketBindings.offer(offer, wasi.context());
    }
}
