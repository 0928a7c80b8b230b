package dev.wasm2jar.compiler;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to compile a module.
 *
 * @param className the binary name of the generated module class, such as {@code com.example.Add}
 * @param features what a module may use ({@link Feature#DEFAULT} unless given); one that needs more fails with an
 *     {@link UnsupportedFeatureException}. Features wasm2jar does not support may be listed: modules are then judged
 *     by that language, and a module that uses one of them is reported as needing it.
 * @param metering whether to emit polls at every function entry and loop head, which fuel, deadlines, call depths
 *     ({@code dev.wasm2jar.runtime.Limits}) and {@code Instance.interrupt()} need; off by default, and code compiled
 *     without it carries no trace of them
 */
public record CompilerOptions(String className, Set<Feature> features, boolean metering) {
    public static final String DEFAULT_CLASS_NAME = "wasm.Module";

    public CompilerOptions {
        if (className == null || className.isBlank() || className.startsWith(".") || className.endsWith(".")) {
            throw new IllegalArgumentException("not a class name: " + className);
        }
        if (!features.contains(Feature.MVP)) {
            throw new IllegalArgumentException("the features must include mvp");
        }
        features = Collections.unmodifiableSet(EnumSet.copyOf(features));
    }

    /** Without metering. */
    public CompilerOptions(String className, Set<Feature> features) {
        this(className, features, false);
    }

    /** The default features, without metering. */
    public CompilerOptions(String className) {
        this(className, Feature.DEFAULT);
    }

    public static CompilerOptions defaults() {
        return new CompilerOptions(DEFAULT_CLASS_NAME);
    }

    public CompilerOptions withClassName(String name) {
        return new CompilerOptions(name, features, metering);
    }

    public CompilerOptions withFeatures(Set<Feature> enabled) {
        return new CompilerOptions(className, enabled, metering);
    }

    public CompilerOptions withMetering(boolean on) {
        return new CompilerOptions(className, features, on);
    }
}
