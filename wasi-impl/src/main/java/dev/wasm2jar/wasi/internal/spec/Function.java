package dev.wasm2jar.wasi.internal.spec;

/**
 * Every function of {@code wasi_snapshot_preview1}, with its wasm type as the witx gives it ({@code i} is i32,
 * {@code l} is i64, in FunctionType's compact notation) and whether {@code wasi_unstable} has it too.
 */
public enum Function {
    ARGS_GET("ii:i"),
    ARGS_SIZES_GET("ii:i"),
    ENVIRON_GET("ii:i"),
    ENVIRON_SIZES_GET("ii:i"),
    CLOCK_RES_GET("ii:i"),
    CLOCK_TIME_GET("ili:i"),
    FD_ADVISE("illi:i"),
    FD_ALLOCATE("ill:i"),
    FD_CLOSE("i:i"),
    FD_DATASYNC("i:i"),
    FD_FDSTAT_GET("ii:i"),
    FD_FDSTAT_SET_FLAGS("ii:i"),
    FD_FDSTAT_SET_RIGHTS("ill:i"),
    FD_FILESTAT_GET("ii:i"),
    FD_FILESTAT_SET_SIZE("il:i"),
    FD_FILESTAT_SET_TIMES("illi:i"),
    FD_PREAD("iiili:i"),
    FD_PRESTAT_GET("ii:i"),
    FD_PRESTAT_DIR_NAME("iii:i"),
    FD_PWRITE("iiili:i"),
    FD_READ("iiii:i"),
    FD_READDIR("iiili:i"),
    FD_RENUMBER("ii:i"),
    FD_SEEK("ilii:i"),
    FD_SYNC("i:i"),
    FD_TELL("ii:i"),
    FD_WRITE("iiii:i"),
    PATH_CREATE_DIRECTORY("iii:i"),
    PATH_FILESTAT_GET("iiiii:i"),
    PATH_FILESTAT_SET_TIMES("iiiilli:i"),
    PATH_LINK("iiiiiii:i"),
    PATH_OPEN("iiiiillii:i"),
    PATH_READLINK("iiiiii:i"),
    PATH_REMOVE_DIRECTORY("iii:i"),
    PATH_RENAME("iiiiii:i"),
    PATH_SYMLINK("iiiii:i"),
    PATH_UNLINK_FILE("iii:i"),
    POLL_ONEOFF("iiii:i"),
    PROC_EXIT("i:"),
    PROC_RAISE("i:i"),
    RANDOM_GET("ii:i"),
    SCHED_YIELD(":i"),
    SOCK_ACCEPT("iii:i", true),
    SOCK_RECV("iiiiii:i"),
    SOCK_SEND("iiiii:i"),
    SOCK_SHUTDOWN("ii:i");

    private final String signature;
    private final boolean preview1Only;
    private final String wasiName;

    Function(String signature) {
        this(signature, false);
    }

    Function(String signature, boolean preview1Only) {
        this.signature = signature;
        this.preview1Only = preview1Only;
        this.wasiName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The import name, such as {@code fd_write}. */
    public String wasiName() {
        return wasiName;
    }

    /** The wasm type in {@code FunctionType.parse} notation, such as {@code "iiii:i"}. */
    public String signature() {
        return signature;
    }

    /** Whether {@code abi} has this function (preview 0 has all but {@code sock_accept}). */
    public boolean in(Abi abi) {
        return abi == Abi.PREVIEW1 || !preview1Only;
    }

    /** The Java method that implements it: the name in camel case, {@code fd_write} as {@code fdWrite}. */
    public String javaName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : wasiName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
