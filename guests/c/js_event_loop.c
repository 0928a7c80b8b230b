// js_event_loop: the event loop of WasmEdge's QuickJS runtime (wasmedge_quickjs.wasm), in C, on the same ABI, so
// that tests run what QuickJS runs without QuickJS: WasmEdge's socket calls in their first form (sock_accept takes
// two arguments), descriptors made non-blocking with fcntl, and one poll_oneoff per round over every task of the
// loop: the listener, each connection (a read with a timeout is a read and an absolute realtime clock under one
// userdata), and timers as absolute realtime deadlines, as setTimeout makes them.
//
//   js_event_loop PORT REQUESTS TIMERS
//
// Listens on 127.0.0.1:PORT (0: any free port) and prints "listening on 127.0.0.1:N". Answers each HTTP request with
// its body, "connection: close", and closes the connection as QuickJS's http module does (shutdown, then close).
// A timer of 20 ms fires again and again, TIMERS times, while connections come and go. Ends once it has answered
// REQUESTS requests and its timers have fired: "served N requests, M timers".
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wasi/api.h>

#define WASMEDGE(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

typedef struct {
    uint8_t *buf;
    uint32_t size;
} address;

typedef struct {
    uint8_t *buf;
    uint32_t size;
} iovec;

WASMEDGE(sock_open) int32_t sock_open(int32_t family, int32_t type, int32_t *fd);
WASMEDGE(sock_setsockopt) int32_t sock_setsockopt(int32_t fd, int32_t level, int32_t name, const int32_t *value,
                                                  int32_t length);
WASMEDGE(sock_bind) int32_t sock_bind(int32_t fd, address *addr, int32_t port);
WASMEDGE(sock_listen) int32_t sock_listen(int32_t fd, int32_t backlog);
WASMEDGE(sock_accept) int32_t sock_accept_v1(int32_t fd, int32_t *accepted);
WASMEDGE(sock_recv) int32_t sock_recv_v1(int32_t fd, iovec *iovs, int32_t count, int32_t flags, int32_t *received,
                                         int32_t *oflags);
WASMEDGE(sock_send) int32_t sock_send_v1(int32_t fd, const iovec *iovs, int32_t count, int32_t flags,
                                         int32_t *sent);
WASMEDGE(sock_shutdown) int32_t sock_shutdown_v1(int32_t fd, int32_t how);
WASMEDGE(sock_getlocaladdr) int32_t sock_getlocaladdr(int32_t fd, address *addr, int32_t *type, int32_t *port);

enum { INET4 = 1, STREAM = 2, SOL_SOCKET_ = 0, SO_REUSEADDR_ = 0, SHUT_BOTH = 3 };
enum { TIMER_MS = 20, READ_TIMEOUT_MS = 10000, MAX_TASKS = 64, MAX_REQUEST = 65536 };

// A task of the loop, as QuickJS's IoSelector keeps them: an index is the userdata of its subscriptions.
typedef struct {
    enum { FREE, ACCEPT, READ, TIMER } kind;
    int fd;
    uint64_t deadline; // READ: its timeout; TIMER: when it fires (realtime, nanoseconds)
    char *request;     // READ: what the connection sent so far
    size_t length;
    int round;         // the last round that added or handled it: that round's other events are not for it
} task;

static task tasks[MAX_TASKS];
static int served, fired, round;

static uint64_t now(void) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t) != 0) {
        exit(1);
    }
    return t;
}

static int add(int kind, int fd, uint64_t deadline) {
    for (int i = 0; i < MAX_TASKS; i++) {
        if (tasks[i].kind == FREE) {
            tasks[i] = (task){.kind = kind, .fd = fd, .deadline = deadline, .round = round};
            return i;
        }
    }
    fprintf(stderr, "too many tasks\n");
    exit(1);
}

static void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        fprintf(stderr, "fcntl %d: %s\n", fd, strerror(errno));
        exit(1);
    }
}

// Closes a connection as the Drop of QuickJS's socket does.
static void drop(task *t) {
    sock_shutdown_v1(t->fd, SHUT_BOTH);
    close(t->fd);
    free(t->request);
    t->kind = FREE;
}

static void answer(task *t, const char *body, size_t length) {
    char head[128];
    int n = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: %zu\r\n\r\n", length);
    iovec parts[2] = {{(uint8_t *)head, (uint32_t)n}, {(uint8_t *)body, (uint32_t)length}};
    int32_t sent = 0;
    int32_t e = sock_send_v1(t->fd, parts, 2, 0, &sent);
    if (e != 0 || sent != n + (int32_t)length) {
        fprintf(stderr, "send: errno %d, %d of %zu bytes\n", e, sent, n + length);
        exit(1);
    }
    served++;
}

// Reads what is there until the socket would block, as QuickJS's AsyncTcpConn::read does in 1024-byte steps.
// Returns 0 when the request is whole and answered or the peer left (the task is gone), 1 to wait for more.
static int read_some(task *t) {
    for (;;) {
        if (t->length + 1024 > MAX_REQUEST) {
            fprintf(stderr, "request too long\n");
            exit(1);
        }
        t->request = realloc(t->request, t->length + 1024 + 1);
        iovec into = {(uint8_t *)t->request + t->length, 1024};
        int32_t received = 0, oflags = 0;
        int32_t e = sock_recv_v1(t->fd, &into, 1, 0, &received, &oflags);
        if (e == __WASI_ERRNO_AGAIN) {
            break;
        }
        if (e != 0) {
            fprintf(stderr, "recv: errno %d\n", e);
            exit(1);
        }
        if (received == 0) {
            drop(t); // the peer left
            return 0;
        }
        t->length += received;
    }
    t->request[t->length] = 0;
    char *end = strstr(t->request, "\r\n\r\n");
    if (end == NULL) {
        return 1;
    }
    size_t body = 0;
    for (char *line = strstr(t->request, "\r\n"); line != NULL && line < end; line = strstr(line + 2, "\r\n")) {
        if (strncasecmp(line + 2, "content-length:", 15) == 0) {
            body = strtoul(line + 17, NULL, 10);
        }
    }
    size_t head = end + 4 - t->request;
    if (t->length < head + body) {
        return 1;
    }
    answer(t, end + 4, body);
    drop(t);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: js_event_loop PORT REQUESTS TIMERS\n");
        return 2;
    }
    int port = atoi(argv[1]), requests = atoi(argv[2]), timers = atoi(argv[3]);

    int32_t listener = -1;
    int32_t reuse = 1;
    uint8_t loopback[4] = {127, 0, 0, 1};
    address at = {loopback, 4};
    if (sock_open(INET4, STREAM, &listener) != 0 ||
        sock_setsockopt(listener, SOL_SOCKET_, SO_REUSEADDR_, &reuse, sizeof reuse) != 0) {
        fprintf(stderr, "sock_open or sock_setsockopt failed\n");
        return 1;
    }
    set_nonblocking(listener);
    if (sock_bind(listener, &at, port) != 0 || sock_listen(listener, 1024) != 0) {
        fprintf(stderr, "sock_bind or sock_listen failed\n");
        return 1;
    }
    uint8_t local[16];
    address bound = {local, sizeof local};
    int32_t type = 0, bound_port = 0;
    if (sock_getlocaladdr(listener, &bound, &type, &bound_port) != 0 || type != 4) {
        fprintf(stderr, "sock_getlocaladdr failed\n");
        return 1;
    }
    printf("listening on %d.%d.%d.%d:%d\n", local[0], local[1], local[2], local[3], bound_port);
    fflush(stdout);

    add(ACCEPT, listener, 0);
    if (timers > 0) {
        add(TIMER, -1, now() + TIMER_MS * 1000000ull);
    }
    while (served < requests || fired < timers) {
        round++;
        __wasi_subscription_t in[2 * MAX_TASKS];
        __wasi_event_t out[2 * MAX_TASKS];
        __wasi_size_t count = 0;
        for (int i = 0; i < MAX_TASKS; i++) {
            task *t = &tasks[i];
            if (t->kind == ACCEPT || t->kind == READ) {
                in[count++] = (__wasi_subscription_t){
                    .userdata = i, .u = {.tag = __WASI_EVENTTYPE_FD_READ, .u.fd_read.file_descriptor = t->fd}};
            }
            if (t->kind == READ || t->kind == TIMER) {
                in[count++] = (__wasi_subscription_t){
                    .userdata = i,
                    .u = {.tag = __WASI_EVENTTYPE_CLOCK,
                          .u.clock = {.id = __WASI_CLOCKID_REALTIME,
                                      .timeout = t->deadline,
                                      .flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME}}};
            }
        }
        __wasi_size_t ready = 0;
        __wasi_errno_t e = __wasi_poll_oneoff(in, out, count, &ready);
        if (e != 0 || ready == 0) {
            fprintf(stderr, "poll_oneoff: errno %d, %lu events\n", e, (unsigned long)ready);
            return 1;
        }
        // A task answers the first of its events in a round (a read, or its timeout), as QuickJS takes a task out of
        // its list when it handles it; a task added in this round waits for the next.
        for (__wasi_size_t r = 0; r < ready; r++) {
            task *t = &tasks[out[r].userdata];
            if (t->kind == FREE || t->round == round) {
                continue;
            }
            t->round = round;
            if (out[r].error != 0) {
                fprintf(stderr, "event of task %llu: errno %d\n", (unsigned long long)out[r].userdata, out[r].error);
                return 1;
            }
            if (t->kind == TIMER && out[r].type == __WASI_EVENTTYPE_CLOCK) {
                if (now() < t->deadline) {
                    fprintf(stderr, "a timer fired %llu ns early\n", (unsigned long long)(t->deadline - now()));
                    return 1;
                }
                fired++;
                t->kind = FREE;
                if (fired < timers) {
                    add(TIMER, -1, now() + TIMER_MS * 1000000ull);
                }
            } else if (t->kind == ACCEPT && out[r].type == __WASI_EVENTTYPE_FD_READ) {
                int32_t client = -1;
                int32_t a = sock_accept_v1(listener, &client);
                if (a == __WASI_ERRNO_AGAIN) {
                    continue; // another event of this round took it
                }
                if (a != 0) {
                    fprintf(stderr, "sock_accept: errno %d\n", a);
                    return 1;
                }
                set_nonblocking(client);
                add(READ, client, now() + READ_TIMEOUT_MS * 1000000ull);
            } else if (t->kind == READ && out[r].type == __WASI_EVENTTYPE_FD_READ) {
                read_some(t);
            } else if (t->kind == READ && out[r].type == __WASI_EVENTTYPE_CLOCK) {
                fprintf(stderr, "a connection sent nothing for %d ms\n", READ_TIMEOUT_MS);
                drop(t);
            }
        }
    }
    printf("served %d requests, %d timers\n", served, fired);
    return 0;
}
