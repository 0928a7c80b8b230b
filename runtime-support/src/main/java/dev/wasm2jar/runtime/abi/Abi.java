package dev.wasm2jar.runtime.abi;

/**
 * The version of this contract. Every module class the compiler writes carries the version it was compiled against
 * in a constant field, {@link #VERSION_FIELD}; the runtime refuses a module of another version with one clear line
 * instead of failing later on a missing helper. Raise {@link #VERSION} whenever a helper generated code may call
 * changes its name or descriptor, disappears, or changes what it means, and whenever the shape of generated classes
 * the runtime relies on changes (their constructor, superclass, {@link CompiledInstance}, {@link Linkage}).
 */
public final class Abi {
    private Abi() {}

    /**
     * The version of the contract between generated code and this runtime. 2: growable memories keep room to grow
     * into, and accesses check against their size; 3: metered module classes extend {@link MeteredInstance} and call
     * {@link MeterOps}; 4: scalar accesses of memory 0 are written out in generated code, through
     * {@link MemoryOps#I32} and its siblings; 5: imports whose type fits a {@link dev.wasm2jar.runtime.HostCall} are
     * called through {@link Linkage#importedCode}, directly when the host gives a host call.
     */
    public static final int VERSION = 5;

    /** The {@code public static final int} field of a module class that holds the version it was compiled for. */
    public static final String VERSION_FIELD = "WASM2JAR_ABI";
}
