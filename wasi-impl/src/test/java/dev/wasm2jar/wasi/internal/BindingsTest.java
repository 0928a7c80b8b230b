package dev.wasm2jar.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.wasi.WasiExit;
import dev.wasm2jar.wasi.internal.fn.WasiContext;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Function;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every function of wasi_snapshot_preview1 (and of wasi_unstable) is there, with the type the witx gives it. */
class BindingsTest {
    /** The 46 functions of preview 1 and their wasm types (i = i32, l = i64), from wasi_snapshot_preview1.witx. */
    static final Map<String, String> PREVIEW1 = new TreeMap<>(Map.ofEntries(
            Map.entry("args_get", "ii:i"), Map.entry("args_sizes_get", "ii:i"),
            Map.entry("environ_get", "ii:i"), Map.entry("environ_sizes_get", "ii:i"),
            Map.entry("clock_res_get", "ii:i"), Map.entry("clock_time_get", "ili:i"),
            Map.entry("fd_advise", "illi:i"), Map.entry("fd_allocate", "ill:i"), Map.entry("fd_close", "i:i"),
            Map.entry("fd_datasync", "i:i"), Map.entry("fd_fdstat_get", "ii:i"),
            Map.entry("fd_fdstat_set_flags", "ii:i"), Map.entry("fd_fdstat_set_rights", "ill:i"),
            Map.entry("fd_filestat_get", "ii:i"), Map.entry("fd_filestat_set_size", "il:i"),
            Map.entry("fd_filestat_set_times", "illi:i"), Map.entry("fd_pread", "iiili:i"),
            Map.entry("fd_prestat_get", "ii:i"), Map.entry("fd_prestat_dir_name", "iii:i"),
            Map.entry("fd_pwrite", "iiili:i"), Map.entry("fd_read", "iiii:i"), Map.entry("fd_readdir", "iiili:i"),
            Map.entry("fd_renumber", "ii:i"), Map.entry("fd_seek", "ilii:i"), Map.entry("fd_sync", "i:i"),
            Map.entry("fd_tell", "ii:i"), Map.entry("fd_write", "iiii:i"),
            Map.entry("path_create_directory", "iii:i"), Map.entry("path_filestat_get", "iiiii:i"),
            Map.entry("path_filestat_set_times", "iiiilli:i"), Map.entry("path_link", "iiiiiii:i"),
            Map.entry("path_open", "iiiiillii:i"), Map.entry("path_readlink", "iiiiii:i"),
            Map.entry("path_remove_directory", "iii:i"), Map.entry("path_rename", "iiiiii:i"),
            Map.entry("path_symlink", "iiiii:i"), Map.entry("path_unlink_file", "iii:i"),
            Map.entry("poll_oneoff", "iiii:i"), Map.entry("proc_exit", "i:"), Map.entry("proc_raise", "i:i"),
            Map.entry("sched_yield", ":i"), Map.entry("random_get", "ii:i"), Map.entry("sock_accept", "iii:i"),
            Map.entry("sock_recv", "iiiiii:i"), Map.entry("sock_send", "iiiii:i"),
            Map.entry("sock_shutdown", "ii:i")));

    /**
     * What {@link Bindings#offer} offers for every function of {@code abi}, as name to signature; each one's code is
     * made, so every offered function has its method.
     */
    private static Map<String, String> bound(Abi abi) {
        HostFunctions offer = new HostFunctions();
        Bindings.offer(offer, new WasiContext(List.of(), List.of(), WasiExit::new));
        Map<String, String> out = new TreeMap<>();
        for (String name : PREVIEW1.keySet()) {
            for (FunctionType type : offer.types(abi.module, name)) {
                assertNotNull(offer.code(abi.module, name, type), name);
                out.put(name, type.signature());
            }
        }
        return out;
    }

    @Test
    void preview1HasEveryFunctionWithItsType() {
        assertEquals(46, PREVIEW1.size());
        assertEquals(46, Function.values().length);
        assertEquals(PREVIEW1, bound(Abi.PREVIEW1));
    }

    @Test
    void preview0HasTheSameButSockAccept() {
        Map<String, String> expected = new TreeMap<>(PREVIEW1);
        expected.remove("sock_accept");
        assertEquals(expected, bound(Abi.PREVIEW0));
    }

    @Test
    void namesOutsideWasiAreNotFound() {
        assertNotNull(Bindings.find("wasi_snapshot_preview1", "fd_write"));
        assertNull(Bindings.find("wasi_snapshot_preview1", "FD_WRITE"));
        assertNull(Bindings.find("wasi_snapshot_preview1", "sock_open"));
        assertNull(Bindings.find("wasi_unstable", "sock_accept"));
        assertNull(Bindings.find("env", "fd_write"));
        assertEquals("fdFdstatSetFlags", Function.FD_FDSTAT_SET_FLAGS.javaName());
    }
}
