package dev.wasm2jar.demohost;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.host.ErrorCodes;
import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.runtime.host.HostFunctions;
import dev.wasm2jar.runtime.host.HostModule;
import dev.wasm2jar.runtime.host.HostModuleFactory;
import dev.wasm2jar.runtime.host.HostSetup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Map;

/**
 * A host module in one class, written as a user would write one, and registered for {@code wasm2jar run} and runnable
 * jars by one line in {@code META-INF/services/dev.wasm2jar.runtime.host.HostModuleFactory}. Module
 * {@code demo_host} has one function, {@code strlen}, which reads a UTF-8 string from guest memory and counts its
 * characters, offered in two types as WasmEdge offers its V1 and V2 socket calls:
 *
 * <pre>
 * V1 strlen(ptr: i32, len: i32) -> i32              the count, or -1 when the bytes are not UTF-8
 * V2 strlen(ptr: i32, len: i32, out: *u32) -> code  0, 1 (not UTF-8) or 2 (out of bounds); the count at out
 * </pre>
 *
 * Its option {@code --demo-offset N} adds N to every count.
 */
public final class DemoHost implements HostModule, HostModuleFactory {
    public static final String MODULE = "demo_host";
    public static final FunctionType V1 = FunctionType.parse("ii:i");
    public static final FunctionType V2 = FunctionType.parse("iii:i");
    public static final int NOT_UTF8 = 1;
    public static final int FAULT = 2;

    private static final MethodHandle STRLEN_V1;
    private static final MethodHandle STRLEN_V2;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STRLEN_V1 = lookup.findVirtual(DemoHost.class, "strlenV1",
                    MethodType.methodType(int.class, GuestMemory.class, int.class, int.class));
            STRLEN_V2 = lookup.findVirtual(DemoHost.class, "strlenV2",
                    MethodType.methodType(int.class, GuestMemory.class, int.class, int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int offset;

    /** The factory, as {@link java.util.ServiceLoader} makes it. */
    public DemoHost() {
        this(0);
    }

    public DemoHost(int offset) {
        this.offset = offset;
    }

    @Override
    public Map<String, String> options() {
        return Map.of("--demo-offset", "N  demo_host.strlen adds N to every count (a test host module)");
    }

    @Override
    public HostModule create(HostSetup setup) {
        List<String> offsets = setup.values("--demo-offset");
        return new DemoHost(offsets.isEmpty() ? 0 : Integer.parseInt(offsets.getLast()));
    }

    @Override
    public void offer(HostFunctions offer) {
        GuestMemory memory = offer.memory();
        offer.add(MODULE, "strlen", V1, () -> MethodHandles.insertArguments(STRLEN_V1, 0, this, memory));
        offer.add(MODULE, "strlen", V2, () -> ErrorCodes.catching(
                MethodHandles.insertArguments(STRLEN_V2, 0, this, memory), DemoHost::code));
        // A name of WASI's module that WASI does not have: a guest importing only WASI's modules still links to it.
        offer.add(WASI_EXTENSION[0], WASI_EXTENSION[1], FunctionType.parse(":i"),
                () -> MethodHandles.constant(int.class, 42 + offset));
    }

    /** The module and name of the function this host module adds to WASI's module; it returns 42. */
    public static final String[] WASI_EXTENSION = {"wasi_snapshot_preview1", "demo_extension"};

    int strlenV1(GuestMemory memory, int ptr, int len) {
        try {
            return count(memory.bytes(), ptr, len);
        } catch (CharacterCodingException e) {
            return -1;
        } catch (IndexOutOfBoundsException e) {
            throw new TrapException("out of bounds memory access");
        }
    }

    int strlenV2(GuestMemory memory, int ptr, int len, int out) throws CharacterCodingException {
        byte[] mem = memory.bytes();
        GuestMemory.check(mem, out, 4);
        GuestMemory.putI32(mem, out, count(mem, ptr, len));
        return 0;
    }

    private int count(byte[] mem, int ptr, int len) throws CharacterCodingException {
        String s = GuestMemory.string(mem, ptr, len);
        return s.codePointCount(0, s.length()) + offset;
    }

    /** This module's error codes. */
    private static int code(Throwable failure) throws Throwable {
        if (failure instanceof CharacterCodingException) {
            return NOT_UTF8;
        }
        if (failure instanceof IndexOutOfBoundsException) {
            return FAULT;
        }
        throw failure;
    }
}
