package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.abi.Abi;
import dev.wasm2jar.runtime.abi.CompiledInstance;
import dev.wasm2jar.runtime.abi.GcFactory;
import dev.wasm2jar.runtime.abi.GcType;
import dev.wasm2jar.runtime.abi.Linkage;
import dev.wasm2jar.runtime.abi.MeteredInstance;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * The one place where the runtime touches a generated module class as a class: it checks the ABI version the class
 * was compiled for, and creates instances through its {@code (Linkage)} constructor. Everything else goes through
 * {@link CompiledInstance} and the names the module's shape records.
 */
public final class CompiledClasses {
    private CompiledClasses() {}

    /**
     * Refuses a class compiled for another ABI (or none: wasm2jar before ABI versions), with one line that says what
     * to do.
     */
    public static void checkAbi(Class<?> compiledClass) {
        int version = version(compiledClass);
        if (version != Abi.VERSION) {
            throw new IllegalArgumentException(compiledClass.getName() + " was compiled by wasm2jar ABI " + version
                    + "; this runtime supports ABI " + Abi.VERSION + "; recompile it");
        }
    }

    /** The ABI version stamped into {@code compiledClass}; 0 when it has none. */
    static int version(Class<?> compiledClass) {
        try {
            Field field = compiledClass.getDeclaredField(Abi.VERSION_FIELD);
            if (field.getType() != int.class || !Modifier.isStatic(field.getModifiers())) {
                return 0;
            }
            return field.getInt(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return 0;
        }
    }

    /** Whether {@code compiledClass} was compiled with metering: its polls make fuel, deadlines and interruption work. */
    public static boolean metered(Class<?> compiledClass) {
        return MeteredInstance.class.isAssignableFrom(compiledClass);
    }

    /** The one line for asking {@code what} of a module compiled without metering. */
    public static String notMetered(Class<?> compiledClass, String what) {
        return compiledClass.getName() + " was compiled without metering, needed for " + what + "; compile it with "
                + "wasm2jar compile --metering or CompilerOptions.withMetering(true)";
    }

    /**
     * The canonical types of a module class with GC types ({@code GcFactory}), from its static {@code gcTypes}, which
     * linking needs before there is an instance; null for any other module.
     */
    public static GcType[] gcTypes(Class<?> compiledClass) {
        if (!GcFactory.class.isAssignableFrom(compiledClass)) {
            return null;
        }
        try {
            return (GcType[]) compiledClass.getField("gcTypes").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(compiledClass.getName() + " is not a wasm2jar module class", e);
        }
    }

    /** A new instance of {@code compiledClass} on {@code link}. */
    public static CompiledInstance construct(Class<?> compiledClass, Linkage link) {
        try {
            return (CompiledInstance) compiledClass.getConstructor(Linkage.class).newInstance(link);
        } catch (InvocationTargetException e) {
            throw Traps.translate(e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(compiledClass.getName() + " is not a wasm2jar module class", e);
        }
    }
}
