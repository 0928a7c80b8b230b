package dev.wasm2jar.runtime.host;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where a provider's failures become error codes: one wrapper around every host function that returns a code, so
 * the functions themselves throw what Java throws and never catch. A {@link HostError} returns its code; any other
 * throwable goes to the provider's {@link Mapper}, which returns a code or rethrows (traps, bugs and exits pass
 * through).
 *
 * <pre>{@code
 * MethodHandle fdRead = ErrorCodes.catching(FD_READ.bindTo(group), WasiErrors::errnoOf);
 * }</pre>
 */
public final class ErrorCodes {
    /** A provider's mapping of failures to its codes. */
    @FunctionalInterface
    public interface Mapper {
        /** The code for {@code failure}; rethrows what is not an error of this provider. */
        int code(Throwable failure) throws Throwable;
    }

    private static final MethodHandle CODE;

    static {
        try {
            CODE = MethodHandles.lookup().findStatic(ErrorCodes.class, "code",
                    MethodType.methodType(int.class, Mapper.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ErrorCodes() {}

    /**
     * {@code function}, which returns an {@code int} code, with every failure that {@link HostError} or
     * {@code mapper} maps returned as its code. Only the failing path pays for the mapping.
     */
    public static MethodHandle catching(MethodHandle function, Mapper mapper) {
        if (function.type().returnType() != int.class) {
            throw new IllegalArgumentException("a function returning an error code returns int, not "
                    + function.type().returnType());
        }
        MethodHandle handler = MethodHandles.dropArguments(CODE.bindTo(mapper), 1, function.type().parameterList());
        return MethodHandles.catchException(function, Throwable.class, handler);
    }

    /** The code for {@code failure}: a {@link HostError}'s own, else {@code mapper}'s. */
    private static int code(Mapper mapper, Throwable failure) throws Throwable {
        if (failure instanceof HostError e) {
            return e.code();
        }
        return mapper.code(failure);
    }
}
