package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.i32;
import static dev.wasm2jar.runtime.host.GuestMemory.i64;
import static dev.wasm2jar.runtime.host.GuestMemory.u16;
import static dev.wasm2jar.runtime.host.GuestMemory.u8;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.NewSocket;
import dev.wasm2jar.wasi.internal.fd.Poller;
import dev.wasm2jar.wasi.internal.fd.Socket;
import dev.wasm2jar.wasi.internal.fd.StdStream;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import dev.wasm2jar.wasi.internal.spec.Rights;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * poll_oneoff, and WasmEdge's epoll_oneoff: clocks and descriptors. Files and output streams are always ready;
 * sockets are waited on by the program's {@link Poller}, level-triggered for poll_oneoff (a socket is reported as
 * long as it is ready, as mio and tokio expect on WasmEdge) and edge-triggered for epoll_oneoff (once per change);
 * standard input, which no selector can watch, is looked at every {@link #STDIN_CHECK_NANOS} while nothing else is
 * ready, and is ready at its end too. The call returns the events ready at once, or else waits for the first.
 *
 * <pre>
 * poll_oneoff(in: *subscription, out: *event, nsubscriptions: u32, nevents_out: *u32)    epoll_oneoff: the same
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
    // Per subscription of the current call, kept between calls: a clock's deadline (System.nanoTime()), and
    // whether the subscription is a clock still to expire or standard input to watch.
    private long[] deadline = new long[0];
    private boolean[] clock = new boolean[0];
    private boolean[] stdin = new boolean[0];

    public Poll(WasiContext context, GuestMemory memory, Abi abi) {
        this.context = context;
        this.memory = memory;
        this.abi = abi;
    }

    public int pollOneoff(int in, int out, int count, int countOut) throws IOException {
        return poll(in, out, count, countOut, false);
    }

    public int epollOneoff(int in, int out, int count, int countOut) throws IOException {
        return poll(in, out, count, countOut, true);
    }

    private int poll(int in, int out, int count, int countOut, boolean edge) throws IOException {
        if (count == 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        byte[] mem = memory.bytes();
        // in long arithmetic: a count whose product wraps around to a few bytes must not pass
        Objects.checkFromIndexSize(in, (long) count * abi.subscriptionLength, mem.length);
        Objects.checkFromIndexSize(out, (long) count * EVENT, mem.length);
        GuestMemory.check(mem, countOut, 4);
        if (clock.length < count) {
            deadline = new long[count];
            clock = new boolean[count];
            stdin = new boolean[count];
        }
        Poller poller = context.poller();
        poller.begin(edge);
        long start = System.nanoTime();
        int events = 0;
        int clocks = 0;
        boolean waitsOnSockets = false;
        boolean waitsOnStdin = false;
        for (int i = 0; i < count; i++) {
            int sub = in + i * abi.subscriptionLength;
            long userdata = i64(mem, sub);
            int type = u8(mem, sub + 8);
            clock[i] = false;
            stdin[i] = false;
            switch (type) {
                case Flags.EVENTTYPE_CLOCK -> {
                    int id = i32(mem, sub + abi.clockId);
                    long timeout = i64(mem, sub + abi.clockTimeout);
                    boolean absolute = (u16(mem, sub + abi.clockFlags) & Flags.SUBSCRIPTION_CLOCK_ABSTIME) != 0;
                    long now;
                    try {
                        now = Clocks.now(context, id);
                    } catch (ErrnoException e) {
                        events = event(mem, out, events, userdata, e.errno(), type, 0, 0);
                        continue;
                    }
                    // Timestamps are u64: a wait beyond 2^63 ns (292 years) is forever.
                    long wait = !absolute ? timeout : Long.compareUnsigned(timeout, now) <= 0 ? 0 : timeout - now;
                    clock[i] = true;
                    clocks++;
                    deadline[i] = start + (wait < 0 ? Long.MAX_VALUE / 2 : wait);
                }
                case Flags.EVENTTYPE_FD_READ, Flags.EVENTTYPE_FD_WRITE -> {
                    int fd = i32(mem, sub + 16);
                    boolean read = type == Flags.EVENTTYPE_FD_READ;
                    Descriptor d;
                    try {
                        d = context.fds().get(fd);
                        // A socket needs the right to be polled only: mio and tokio wait for a listener to be
                        // writable too, which it never is (as in WasmEdge, where epoll takes any descriptor).
                        d.require(d instanceof Socket ? Rights.POLL_FD_READWRITE
                                : read ? Rights.FD_READ : Rights.FD_WRITE);
                    } catch (ErrnoException e) {
                        events = event(mem, out, events, userdata, e.errno(), type, 0, 0);
                        continue;
                    }
                    if (d instanceof Socket s) {
                        if (s instanceof NewSocket) {
                            // poll(2) reports an unconnected TCP socket at once, hung up
                            events = event(mem, out, events, userdata, Errno.SUCCESS, type, 0,
                                    Flags.EVENT_FD_READWRITE_HANGUP);
                        } else if (read && s.readableNow()) {
                            events = event(mem, out, events, userdata, Errno.SUCCESS, type, s.readable(), 0);
                        } else if (!poller.subscribe(s, read, i)) {
                            events = event(mem, out, events, userdata, Errno.EXIST, type, 0, 0);
                        } else {
                            waitsOnSockets = true;
                        }
                    } else if (read && d instanceof StdStream s && s.isInput() && !s.readReady()) {
                        stdin[i] = true;
                        waitsOnStdin = true;
                    } else {
                        events = event(mem, out, events, userdata, Errno.SUCCESS, type, read ? d.readable() : 0, 0);
                    }
                }
                default -> events = event(mem, out, events, userdata, Errno.INVAL, type, 0, 0);
            }
        }
        while (true) {
            long now = System.nanoTime();
            long next = -1; // nanoseconds to the next deadline; -1 for none
            for (int i = 0; i < count && clocks > 0; i++) {
                if (clock[i]) {
                    if (deadline[i] - now <= 0) {
                        clock[i] = false;
                        clocks--;
                        events = event(mem, out, events, i64(mem, in + i * abi.subscriptionLength), Errno.SUCCESS,
                                Flags.EVENTTYPE_CLOCK, 0, 0);
                    } else {
                        next = next < 0 ? deadline[i] - now : Math.min(next, deadline[i] - now);
                    }
                }
            }
            long wait = events > 0 ? 0 : next;
            if (waitsOnStdin && wait != 0) {
                wait = wait < 0 ? STDIN_CHECK_NANOS : Math.min(wait, STDIN_CHECK_NANOS);
            }
            if (waitsOnSockets) {
                int ready = poller.select(wait);
                for (int r = 0; r < ready; r++) {
                    int i = poller.readyIndex(r);
                    int flags = poller.readyFlags(r);
                    int sub = in + i * abi.subscriptionLength;
                    boolean read = (flags & Poller.READ) != 0;
                    events = event(mem, out, events, i64(mem, sub), Errno.SUCCESS,
                            read ? Flags.EVENTTYPE_FD_READ : Flags.EVENTTYPE_FD_WRITE, 1,
                            (flags & Poller.HANGUP) != 0 ? Flags.EVENT_FD_READWRITE_HANGUP : 0);
                }
            } else if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < 0) {
                break; // nothing to wait for
            }
            for (int i = 0; i < count && waitsOnStdin; i++) {
                if (stdin[i] && context.fds().get(i32(mem, in + i * abi.subscriptionLength + 16)) instanceof StdStream s
                        && s.readReady()) {
                    stdin[i] = false;
                    events = event(mem, out, events, i64(mem, in + i * abi.subscriptionLength), Errno.SUCCESS,
                            Flags.EVENTTYPE_FD_READ, s.readable(), 0);
                }
            }
            if (events > 0) {
                break;
            }
        }
        GuestMemory.putI32(mem, countOut, events);
        return Errno.SUCCESS;
    }

    /** Writes one event at index {@code index}; the next index. */
    private static int event(byte[] mem, int out, int index, long userdata, int errno, int type, long nbytes,
            int flags) {
        int at = out + index * EVENT;
        GuestMemory.zero(mem, at, EVENT);
        GuestMemory.putI64(mem, at, userdata);
        GuestMemory.putI16(mem, at + 8, errno);
        GuestMemory.putU8(mem, at + 10, type);
        GuestMemory.putI64(mem, at + 16, nbytes);
        GuestMemory.putI16(mem, at + 24, flags);
        return index + 1;
    }
}
