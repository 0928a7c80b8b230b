package dev.wasm2jar.runtime.host;

/**
 * A provider of host functions: WASI, WasmEdge's sockets, wasi-nn, or an embedder's own. A {@link Linker} asks each
 * of its host modules, once per instantiation, to {@link #offer} what it has; the instance then imports the offered
 * functions it names, in the type it declares.
 *
 * <pre>{@code
 * final class Demo implements HostModule {
 *     public void offer(HostFunctions offer) {
 *         GuestMemory memory = offer.memory();
 *         offer.addCall("env", "strlen", FunctionType.parse("ii:i"), () -> new HostCall() {
 *             public long call(long ptr, long len) {
 *                 return strlen(memory, (int) ptr, (int) len);
 *             }
 *         });
 *         offer.add("env", "pair", FunctionType.parse("i:ii"), () -> MethodHandles.insertArguments(PAIR, 0, memory));
 *     }
 * }
 * }</pre>
 */
public interface HostModule {
    /**
     * Adds this module's functions to {@code offer}. Called once per instantiation, before the instance exists:
     * per-instance state (anything that reads {@link HostFunctions#memory()}) is made here or in the code suppliers,
     * which run only for the functions the instance actually imports.
     */
    void offer(HostFunctions offer);
}
