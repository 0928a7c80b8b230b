package dev.wasm2jar.runtime.host;

import java.io.IOException;
import java.util.Map;

/**
 * How {@code wasm2jar run}, runnable jars and {@code --preload} find host modules besides WASI: each factory is
 * registered as a service, one line naming its class in
 * {@code META-INF/services/dev.wasm2jar.runtime.host.HostModuleFactory}, and {@link java.util.ServiceLoader} finds
 * it on the class path. Adding a host module to the command line is that class and that line.
 *
 * <pre>{@code
 * public final class Demo implements HostModule, HostModuleFactory {
 *     public HostModule create(HostSetup setup) { return this; }
 *     public void offer(HostFunctions offer) { ... }
 * }
 * }</pre>
 *
 * A factory must be public with a public no-argument constructor, and cheap to make: every run makes every factory.
 */
public interface HostModuleFactory {
    /**
     * The command-line options this host module reads, each taking one value, with one line of help each: for
     * example {@code "--nn-preload" -> "NAME:ENCODING:TARGET:PATH  load a model"}. None by default.
     */
    default Map<String, String> options() {
        return Map.of();
    }

    /**
     * The host module for one run of a program. If it is {@link AutoCloseable}, it is closed when the run ends.
     *
     * @throws IOException when what the setup names cannot be opened (one line for the user)
     * @throws IllegalArgumentException when an option's value is malformed (one line for the user)
     */
    HostModule create(HostSetup setup) throws IOException;
}
