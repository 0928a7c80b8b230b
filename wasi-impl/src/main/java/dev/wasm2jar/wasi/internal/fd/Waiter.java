package dev.wasm2jar.wasi.internal.fd;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/** Blocks until a non-blocking channel is ready, for the guest's blocking socket calls. Made on first use. */
final class Waiter {
    private final SelectableChannel channel;
    private Selector selector;
    private SelectionKey key;

    Waiter(SelectableChannel channel) {
        this.channel = channel;
    }

    void await(int ops) throws IOException {
        if (selector == null) {
            selector = Selector.open();
            key = channel.register(selector, ops);
        } else {
            key.interestOps(ops);
        }
        selector.select();
        selector.selectedKeys().clear();
    }

    void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
