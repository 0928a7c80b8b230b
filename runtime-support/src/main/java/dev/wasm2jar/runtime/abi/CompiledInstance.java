package dev.wasm2jar.runtime.abi;

/**
 * What the runtime calls on an instance of a generated module class. The class has one public constructor, which
 * takes the instance's {@link Linkage} and copies what it needs into fields; once the runtime has evaluated the
 * globals' initial values, it calls {@link #initGlobals}.
 */
public interface CompiledInstance {
    /** Copies the initial values of the globals private to the module from the {@link Linkage} into fields. */
    void initGlobals();
}
