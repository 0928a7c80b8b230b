// server: serves N connections on the listening socket the host gives it (wasm2jar run --tcplisten, fd 3 when
// nothing is preopened). Each client sends a line; the reply is "hello, LINE" in upper case; then the server
// shuts the connection down. Uses poll, accept, recv, send, shutdown: poll_oneoff on sockets, sock_accept,
// sock_recv, sock_send, sock_shutdown.
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int connections = argc > 1 ? atoi(argv[1]) : 1;
    int listener = 3;
    printf("listening\n");
    fflush(stdout);
    for (int c = 0; c < connections; c++) {
        struct pollfd waiting = {.fd = listener, .events = POLLIN};
        if (poll(&waiting, 1, 30000) != 1 || !(waiting.revents & POLLIN)) {
            printf("poll on the listener: %s\n", strerror(errno));
            return 1;
        }
        int client = accept(listener, NULL, NULL);
        if (client < 0) {
            printf("accept: %s\n", strerror(errno));
            return 1;
        }
        char line[256];
        size_t n = 0;
        while (n < sizeof line - 1) {
            struct pollfd readable = {.fd = client, .events = POLLIN};
            if (poll(&readable, 1, 30000) != 1) {
                printf("poll on the connection: %s\n", strerror(errno));
                return 1;
            }
            ssize_t r = recv(client, line + n, sizeof line - 1 - n, 0);
            if (r <= 0) break;
            n += r;
            if (memchr(line, '\n', n)) break;
        }
        line[n] = 0;
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        char reply[300];
        int len = snprintf(reply, sizeof reply, "hello, %s\n", line);
        for (int i = 0; i < len; i++) reply[i] = toupper((unsigned char)reply[i]);
        if (send(client, reply, len, 0) != len) {
            printf("send: %s\n", strerror(errno));
            return 1;
        }
        if (shutdown(client, SHUT_RDWR) != 0) {
            printf("shutdown: %s\n", strerror(errno));
            return 1;
        }
        close(client);
        printf("served %s\n", line);
        fflush(stdout);
    }
    return 0;
}
