// demo: a small WASI command for wasm2jar's tests, one subcommand per thing a program does.
//   demo args | env | cat FILE... | write FILE TEXT | append FILE TEXT | ls DIR | mkdir DIR | rm PATH
//   demo rmdir DIR | mv FROM TO | stat PATH | echo (stdin to stdout) | exit N | clock | random N | sleep MS
//   demo poll-echo (stdin to stdout, waiting with poll(2) for input or its end, at most 5 s each time)
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *what, const char *path) {
    printf("%s %s: %s\n", what, path, strerror(errno));
    return 1;
}

static int cat(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return fail("cat", path);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
    fclose(f);
    return 0;
}

static int write_file(const char *path, const char *text, const char *mode) {
    FILE *f = fopen(path, mode);
    if (!f) return fail("write", path);
    fputs(text, f);
    return fclose(f) == 0 ? 0 : fail("close", path);
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ls(const char *path) {
    DIR *d = opendir(path);
    if (!d) return fail("ls", path);
    char *names[1024];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 1024) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], compare);
    for (int i = 0; i < n; i++) printf("%s\n", names[i]);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        printf("usage: demo COMMAND ...\n");
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "args")) {
        for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
        return 0;
    }
    if (!strcmp(cmd, "env")) {
        extern char **environ;
        for (char **e = environ; *e; e++) printf("%s\n", *e);
        return 0;
    }
    if (!strcmp(cmd, "cat")) {
        int status = 0;
        for (int i = 2; i < argc; i++) status |= cat(argv[i]);
        return status;
    }
    if (!strcmp(cmd, "write") && argc == 4) return write_file(argv[2], argv[3], "w");
    if (!strcmp(cmd, "append") && argc == 4) return write_file(argv[2], argv[3], "a");
    if (!strcmp(cmd, "ls") && argc == 3) return ls(argv[2]);
    if (!strcmp(cmd, "mkdir") && argc == 3) return mkdir(argv[2], 0755) ? fail("mkdir", argv[2]) : 0;
    if (!strcmp(cmd, "rm") && argc == 3) return unlink(argv[2]) ? fail("rm", argv[2]) : 0;
    if (!strcmp(cmd, "rmdir") && argc == 3) return rmdir(argv[2]) ? fail("rmdir", argv[2]) : 0;
    if (!strcmp(cmd, "mv") && argc == 4) return rename(argv[2], argv[3]) ? fail("mv", argv[2]) : 0;
    if (!strcmp(cmd, "stat") && argc == 3) {
        struct stat s;
        if (stat(argv[2], &s)) return fail("stat", argv[2]);
        printf("%s: %s, %lld bytes\n", argv[2], S_ISDIR(s.st_mode) ? "directory" : "file", (long long)s.st_size);
        return 0;
    }
    if (!strcmp(cmd, "echo")) {
        char buf[4096];
        ssize_t n;
        while ((n = read(0, buf, sizeof buf)) > 0) write(1, buf, n);
        return n < 0 ? fail("read", "stdin") : 0;
    }
    if (!strcmp(cmd, "poll-echo")) {
        char buf[4096];
        for (;;) {
            struct pollfd p = {.fd = 0, .events = POLLIN};
            int ready = poll(&p, 1, 5000);
            if (ready < 0) return fail("poll", "stdin");
            if (ready == 0) {
                printf("timed out\n");
                return 1;
            }
            ssize_t n = read(0, buf, sizeof buf);
            if (n < 0) return fail("read", "stdin");
            if (n == 0) return 0;
            write(1, buf, n);
        }
    }
    if (!strcmp(cmd, "exit") && argc == 3) {
        printf("exiting with %s\n", argv[2]);
        fflush(stdout);
        exit(atoi(argv[2]));
    }
    if (!strcmp(cmd, "clock")) {
        struct timespec a, b, r;
        clock_gettime(CLOCK_MONOTONIC, &a);
        clock_gettime(CLOCK_MONOTONIC, &b);
        clock_getres(CLOCK_REALTIME, &r);
        time_t now = time(NULL);
        printf("monotonic %s, realtime after 2020: %s, resolution > 0: %s\n",
               (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)) ? "ok" : "BACKWARDS",
               now > 1577836800 ? "yes" : "no", (r.tv_sec > 0 || r.tv_nsec > 0) ? "yes" : "no");
        return 0;
    }
    if (!strcmp(cmd, "random") && argc == 3) {
        int n = atoi(argv[2]);
        unsigned char buf[256] = {0};
        if (n > 256) n = 256;
        if (getentropy(buf, n)) return fail("random", "");
        int zeros = 0;
        for (int i = 0; i < n; i++) zeros += buf[i] == 0;
        printf("%d random bytes, %d zero\n", n, zeros);
        return 0;
    }
    if (!strcmp(cmd, "sleep") && argc == 3) {
        struct timespec a, b, d = {0, atoi(argv[2]) * 1000000L};
        clock_gettime(CLOCK_MONOTONIC, &a);
        nanosleep(&d, NULL);
        clock_gettime(CLOCK_MONOTONIC, &b);
        long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
        printf("slept at least %s ms: %s\n", argv[2], ms >= atoi(argv[2]) ? "yes" : "no");
        return 0;
    }
    printf("demo: unknown command %s\n", cmd);
    return 2;
}
