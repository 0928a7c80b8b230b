package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;
import static dev.wasm2jar.runtime.host.GuestMemory.i64;
import static dev.wasm2jar.runtime.host.GuestMemory.u16;
import static dev.wasm2jar.runtime.host.GuestMemory.u8;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.Listener;
import dev.wasm2jar.wasi.internal.fd.OpenSocket;
import dev.wasm2jar.wasi.internal.fd.StdStream;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

/**
 * poll_oneoff: clocks and descriptors. Files and output streams are always ready; sockets are waited on with one
 * {@link Selector}; standard input, which no selector can watch, is looked at every {@link #STDIN_CHECK_NANOS}
 * while nothing else is ready, and is ready at its end too. The call returns the events ready at once, or else
 * waits for the first.
 *
 * <pre>
 * poll_oneoff(in: *subscription, out: *event, nsubscriptions: u32, nevents_out: *u32)
 * subscription: see {@link Abi} (48 bytes in preview 1, 56 in preview 0)
 * event (32 bytes): 0 userdata u64 | 8 error u16 | 10 type u8 | 16 nbytes u64 | 24 flags u16
 * </pre>
 */
public final class Poll {
    static final long STDIN_CHECK_NANOS = 10_000_000;
    private static final int EVENT = 32;

    private final WasiContext context;
    private final GuestMemory memory;
    private final Abi abi;

    public Poll(WasiContext context, GuestMemory memory, Abi abi) {
        this.context = context;
        this.memory = memory;
        this.abi = abi;
    }

    public int pollOneoff(int in, int out, int count, int countOut) throws IOException {
        if (count == 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, in, count * abi.subscriptionLength);
        GuestMemory.check(mem, out, count * EVENT);
        GuestMemory.check(mem, countOut, 4);
        long start = System.nanoTime();
        long[] deadline = new long[count]; // System.nanoTime() of a clock's timeout
        boolean[] clock = new boolean[count];
        Descriptor[] fds = new Descriptor[count];
        int[] ops = new int[count];
        int events = 0;
        boolean waitsOnSockets = false;
        boolean waitsOnStdin = false;
        for (int i = 0; i < count; i++) {
            int sub = in + i * abi.subscriptionLength;
            long userdata = i64(mem, sub);
            int type = u8(mem, sub + 8);
            switch (type) {
                case Flags.EVENTTYPE_CLOCK -> {
                    int id = i32(mem, sub + abi.clockId);
                    long timeout = i64(mem, sub + abi.clockTimeout);
                    boolean absolute = (u16(mem, sub + abi.clockFlags) & Flags.SUBSCRIPTION_CLOCK_ABSTIME) != 0;
                    long now;
                    try {
                        now = Clocks.now(context, id);
                    } catch (ErrnoException e) {
                        events = event(mem, out, events, userdata, e.errno(), type, 0);
                        continue;
                    }
                    // Timestamps are u64: a wait beyond 2^63 ns (292 years) is forever.
                    long wait = !absolute ? timeout : Long.compareUnsigned(timeout, now) <= 0 ? 0 : timeout - now;
                    clock[i] = true;
                    deadline[i] = start + (wait < 0 ? Long.MAX_VALUE / 2 : wait);
                }
                case Flags.EVENTTYPE_FD_READ, Flags.EVENTTYPE_FD_WRITE -> {
                    int fd = i32(mem, sub + 16);
                    boolean read = type == Flags.EVENTTYPE_FD_READ;
                    Descriptor d;
                    try {
                        d = context.fds().get(fd);
                        d.require(read ? Rights.FD_READ : Rights.FD_WRITE);
                    } catch (ErrnoException e) {
                        events = event(mem, out, events, userdata, e.errno(), type, 0);
                        continue;
                    }
                    SelectableChannel channel = d.selectable();
                    if (channel != null && d.readable() == 0) {
                        fds[i] = d;
                        ops[i] = !read ? SelectionKey.OP_WRITE
                                : d instanceof Listener ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
                        waitsOnSockets = true;
                    } else if (read && d instanceof StdStream s && s.isInput() && !s.readReady()) {
                        fds[i] = d;
                        waitsOnStdin = true;
                    } else {
                        events = event(mem, out, events, userdata, Errno.SUCCESS, type, read ? d.readable() : 0);
                    }
                }
                default -> events = event(mem, out, events, userdata, Errno.INVAL, type, 0);
            }
        }
        Selector selector = waitsOnSockets ? register(fds, ops) : null;
        try {
            while (events == 0) {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                for (int i = 0; i < count; i++) {
                    if (clock[i]) {
                        if (deadline[i] - now <= 0) {
                            events = event(mem, out, events, i64(mem, in + i * abi.subscriptionLength),
                                    Errno.SUCCESS, Flags.EVENTTYPE_CLOCK, 0);
                        } else {
                            next = Math.min(next, deadline[i] - now);
                        }
                    }
                }
                if (events > 0) {
                    break;
                }
                if (next == Long.MAX_VALUE && !waitsOnSockets && !waitsOnStdin) {
                    break; // nothing to wait for
                }
                long wait = waitsOnStdin ? Math.min(next, STDIN_CHECK_NANOS) : next;
                if (selector != null) {
                    if (wait == Long.MAX_VALUE) {
                        selector.select();
                    } else if (wait >= 1_000_000) {
                        selector.select(wait / 1_000_000);
                    } else {
                        selector.selectNow();
                        LockSupport.parkNanos(wait);
                    }
                    for (int i = 0; i < count; i++) {
                        if (fds[i] != null && fds[i].selectable() != null) {
                            SelectionKey key = fds[i].selectable().keyFor(selector);
                            if (key != null && key.isValid() && (key.readyOps() & ops[i]) != 0
                                    && selector.selectedKeys().contains(key)) {
                                int sub = in + i * abi.subscriptionLength;
                                events = event(mem, out, events, i64(mem, sub), Errno.SUCCESS, u8(mem, sub + 8), 0);
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                } else {
                    LockSupport.parkNanos(wait);
                }
                for (int i = 0; i < count && waitsOnStdin; i++) {
                    if (fds[i] instanceof StdStream s && s.readReady()) {
                        events = event(mem, out, events, i64(mem, in + i * abi.subscriptionLength),
                                Errno.SUCCESS, Flags.EVENTTYPE_FD_READ, s.readable());
                    }
                }
            }
        } finally {
            if (selector != null) {
                for (Descriptor d : fds) {
                    SelectionKey key = d == null || d.selectable() == null ? null : d.selectable().keyFor(selector);
                    if (key != null && key.isValid()) {
                        key.interestOps(0);
                    }
                }
            }
        }
        GuestMemory.putI32(mem, countOut, events);
        return Errno.SUCCESS;
    }

    private Selector register(Descriptor[] fds, int[] ops) throws IOException {
        Selector selector = context.selector();
        for (int i = 0; i < fds.length; i++) {
            SelectableChannel channel = fds[i] == null ? null : fds[i].selectable();
            if (channel != null) {
                SelectionKey key = channel.keyFor(selector);
                if (key == null) {
                    channel.register(selector, ops[i]);
                } else {
                    key.interestOps(key.interestOps() | ops[i]);
                }
            }
        }
        return selector;
    }

    /** Writes one event at index {@code index}; the next index. */
    private static int event(byte[] mem, int out, int index, long userdata, int errno, int type, long nbytes) {
        int at = out + index * EVENT;
        GuestMemory.zero(mem, at, EVENT);
        GuestMemory.putI64(mem, at, userdata);
        GuestMemory.putI16(mem, at + 8, errno);
        GuestMemory.putU8(mem, at + 10, type);
        GuestMemory.putI64(mem, at + 16, nbytes);
        return index + 1;
    }
}
