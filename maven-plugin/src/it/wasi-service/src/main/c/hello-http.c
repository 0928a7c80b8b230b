// hello-http: a WASI command that serves HTTP/1.1 on the listening socket its host gives it (fd 3: wasm2jar's
// --tcplisten, or WasiConfig.withListener). Each request gets "hello from wasm, PATH" and the value of the
// environment variable GREETING; the connection then closes. Serves N requests (its first argument), or forever.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int serve(int client) {
    char request[2048];
    size_t used = 0;
    while (used < sizeof request - 1 && !strstr(request, "\r\n\r\n")) {
        ssize_t n = recv(client, request + used, sizeof request - 1 - used, 0);
        if (n <= 0) {
            return -1;
        }
        used += (size_t) n;
        request[used] = 0;
    }
    char path[256] = "/";
    sscanf(request, "%*s %255s", path);
    const char *greeting = getenv("GREETING");
    char body[512];
    int length = snprintf(body, sizeof body, "hello from wasm, %s (%s)\n", path, greeting ? greeting : "no greeting");
    char reply[1024];
    int total = snprintf(reply, sizeof reply,
                         "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
                         length, body);
    for (int sent = 0; sent < total;) {
        ssize_t n = send(client, reply + sent, (size_t) (total - sent), 0);
        if (n <= 0) {
            return -1;
        }
        sent += (int) n;
    }
    shutdown(client, SHUT_RDWR);
    return 0;
}

int main(int argc, char **argv) {
    int requests = argc > 1 ? atoi(argv[1]) : -1;
    int listener = 3;
    printf("hello-http: listening\n");
    fflush(stdout);
    for (int served = 0; requests < 0 || served < requests; served++) {
        int client = accept(listener, NULL, NULL);
        if (client < 0) {
            perror("accept");
            return 1;
        }
        if (serve(client) != 0) {
            fprintf(stderr, "hello-http: a request failed\n");
        }
        close(client);
    }
    return 0;
}
