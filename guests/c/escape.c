// escape: tries every route out of a preopened directory with raw WASI calls, one line per route:
//   ROUTE: refused (ERRNO)   or   ROUTE: ESCAPED
// The host runs it with one preopen (fd 3) in which it has planted:
//   out-abs -> /<absolute path of a host directory outside>   out-rel -> ../outside
//   hop1 -> hop2   hop2 -> ../outside   (a chain of links that leaves on the second hop)
//   sub/ (a directory) and inside.txt (a file)
// and, beside the preopen, outside/secret.txt, which must stay unread, unchanged, unlinked.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define DIR 3
static int escaped = 0;

static void report(const char *route, __wasi_errno_t e) {
    if (e == __WASI_ERRNO_SUCCESS) {
        printf("%s: ESCAPED\n", route);
        escaped = 1;
    } else {
        printf("%s: refused (%d)\n", route, e);
    }
}

static __wasi_errno_t open_at(__wasi_fd_t dir, const char *path, __wasi_lookupflags_t follow,
                              __wasi_oflags_t oflags, __wasi_fd_t *out) {
    return __wasi_path_open(dir, follow, path, oflags,
                            __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_PATH_OPEN, 0, 0, out);
}

int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    char buf[256];
    __wasi_size_t used;
    __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;

    report("open ../outside/secret.txt", open_at(DIR, "../outside/secret.txt", 0, 0, &fd));
    report("open sub/../../outside/secret.txt", open_at(DIR, "sub/../../outside/secret.txt", 0, 0, &fd));
    report("open absolute /etc/passwd", open_at(DIR, "/etc/passwd", 0, 0, &fd));
    report("open through absolute link out-abs/secret.txt", open_at(DIR, "out-abs/secret.txt", follow, 0, &fd));
    report("open through relative link out-rel/secret.txt", open_at(DIR, "out-rel/secret.txt", follow, 0, &fd));
    report("open through nested links hop1/secret.txt", open_at(DIR, "hop1/secret.txt", follow, 0, &fd));
    report("open link out-rel followed as last component", open_at(DIR, "out-rel", follow, 0, &fd));
    report("create through link out-rel/new.txt",
           open_at(DIR, "out-rel/new.txt", follow, __WASI_OFLAGS_CREAT, &fd));
    report("stat through link out-rel/secret.txt", __wasi_path_filestat_get(DIR, follow, "out-rel/secret.txt", &st));
    report("stat ..", __wasi_path_filestat_get(DIR, 0, "..", &st));
    report("rename inside.txt to ../outside/moved.txt", __wasi_path_rename(DIR, "inside.txt", DIR, "../outside/moved.txt"));
    report("rename ../outside/secret.txt in", __wasi_path_rename(DIR, "../outside/secret.txt", DIR, "stolen.txt"));
    report("rename through link out-rel/secret.txt in", __wasi_path_rename(DIR, "out-rel/secret.txt", DIR, "stolen.txt"));
    report("link ../outside/secret.txt in", __wasi_path_link(DIR, 0, "../outside/secret.txt", DIR, "stolen.txt"));
    report("link through link out-rel/secret.txt in",
           __wasi_path_link(DIR, follow, "out-rel/secret.txt", DIR, "stolen.txt"));
    report("link inside.txt out to ../outside/copy.txt", __wasi_path_link(DIR, 0, "inside.txt", DIR, "../outside/copy.txt"));
    report("symlink with target ../outside", __wasi_path_symlink("../outside", DIR, "made-rel"));
    report("symlink with target /etc", __wasi_path_symlink("/etc", DIR, "made-abs"));
    report("symlink with target sub/../../outside", __wasi_path_symlink("sub/../../outside", DIR, "made-nested"));
    report("readlink of out-abs", __wasi_path_readlink(DIR, "out-abs", (uint8_t *)buf, sizeof buf, &used));
    report("readlink of out-rel", __wasi_path_readlink(DIR, "out-rel", (uint8_t *)buf, sizeof buf, &used));
    report("unlink ../outside/secret.txt", __wasi_path_unlink_file(DIR, "../outside/secret.txt"));
    report("unlink through link out-rel/secret.txt", __wasi_path_unlink_file(DIR, "out-rel/secret.txt"));
    report("mkdir ../outside/made", __wasi_path_create_directory(DIR, "../outside/made"));
    report("rmdir ..", __wasi_path_remove_directory(DIR, ".."));
    report("set times through link out-rel/secret.txt",
           __wasi_path_filestat_set_times(DIR, follow, "out-rel/secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    // The same from a directory opened beneath the preopen: it is a sandbox of its own.
    __wasi_fd_t sub;
    __wasi_errno_t e = __wasi_path_open(DIR, 0, "sub", __WASI_OFLAGS_DIRECTORY,
                                        __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR, __WASI_RIGHTS_FD_READ,
                                        0, &sub);
    if (e) {
        printf("open sub: %d\n", e);
        return 2;
    }
    report("open ../../outside/secret.txt from sub", open_at(sub, "../../outside/secret.txt", 0, 0, &fd));
    // Things inside stay reachable.
    e = open_at(DIR, "sub/../inside.txt", 0, 0, &fd);
    printf("open sub/../inside.txt: %s\n", e ? "FAILED" : "ok");
    e = __wasi_path_symlink("inside.txt", DIR, "made-ok");
    printf("symlink made-ok -> inside.txt: %s\n", e ? "FAILED" : "ok");
    e = __wasi_path_readlink(DIR, "made-ok", (uint8_t *)buf, sizeof buf, &used);
    printf("readlink made-ok: %.*s\n", e ? 6 : (int)used, e ? "FAILED" : buf);
    printf(escaped ? "escaped\n" : "all refused\n");
    return escaped;
}
