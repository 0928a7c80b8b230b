package dev.wasm2jar.wasi.internal.spec;

/**
 * The functions WasmEdge adds to {@code wasi_snapshot_preview1}: its socket calls and {@code epoll_oneoff}, each with
 * the type of its V1 form and, when it has one, of its V2 form (in FunctionType's compact notation). WasmEdge binds
 * an import of the plain name to V1 when the types match and to V2 otherwise; V2 is also exported under the name
 * with {@code _v2}.
 */
public enum SocketFunction {
    SOCK_OPEN("iii:i", "iii:i"),
    SOCK_BIND("iii:i", "iii:i"),
    SOCK_CONNECT("iii:i", "iii:i"),
    SOCK_LISTEN("ii:i", "ii:i"),
    SOCK_ACCEPT("ii:i", "iii:i"),
    SOCK_RECV("iiiiii:i", "iiiiii:i"),
    SOCK_RECV_FROM("iiiiiii:i", "iiiiiiii:i"),
    SOCK_SEND("iiiii:i", "iiiii:i"),
    SOCK_SEND_TO("iiiiiii:i", "iiiiiii:i"),
    SOCK_SHUTDOWN("ii:i", null),
    SOCK_GETSOCKOPT("iiiii:i", null),
    SOCK_SETSOCKOPT("iiiii:i", null),
    SOCK_GETLOCALADDR("iiii:i", "iii:i"),
    SOCK_GETPEERADDR("iiii:i", "iii:i"),
    SOCK_GETADDRINFO("iiiiiiii:i", null),
    EPOLL_ONEOFF("iiii:i", null);

    /** The module WasmEdge puts them in. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private final String v1;
    private final String v2;
    private final String wasmName;

    SocketFunction(String v1, String v2) {
        this.v1 = v1;
        this.v2 = v2;
        this.wasmName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The import name, such as {@code sock_open}. */
    public String wasmName() {
        return wasmName;
    }

    /** The type of the V1 form. */
    public String v1() {
        return v1;
    }

    /** The type of the V2 form, or null when there is none. */
    public String v2() {
        return v2;
    }

    /** Whether it is a socket call (all but {@code epoll_oneoff}), which a guest without network cannot make. */
    public boolean networking() {
        return this != EPOLL_ONEOFF;
    }

    /** The Java method that implements it: {@code sock_recv_from} as {@code sockRecvFrom}. */
    public String javaName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : wasmName.toCharArray()) {
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
