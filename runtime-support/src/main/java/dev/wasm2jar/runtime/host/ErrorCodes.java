package dev.wasm2jar.runtime.host;

import dev.wasm2jar.runtime.HostCall;
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
 * HostCall fdRead = ErrorCodes.catching(new FdRead(group), WasiErrors::errnoOf);
 * MethodHandle sameAsHandle = ErrorCodes.catching(FD_READ.bindTo(group), WasiErrors::errnoOf);
 * }</pre>
 */
public final class ErrorCodes {
    /** A provider's mapping of failures to its codes. */
    @FunctionalInterface
    public interface Mapper {
        /** The code for {@code failure}; rethrows what is not an error of this provider. */
        int code(Throwable failure) throws Throwable;
    }

    /** The handle of {@link #code}, in a class of its own: a host call never makes it. */
    private static final class Handles {
        static final MethodHandle CODE;

        static {
            try {
                CODE = MethodHandles.lookup().findStatic(ErrorCodes.class, "code",
                        MethodType.methodType(int.class, Mapper.class, Throwable.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
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
        MethodHandle handler = MethodHandles.dropArguments(Handles.CODE.bindTo(mapper), 1,
                function.type().parameterList());
        return MethodHandles.catchException(function, Throwable.class, handler);
    }

    /**
     * {@code function}, a host call returning an {@code int} code, with every failure that {@link HostError} or
     * {@code mapper} maps returned as its code. A class rather than {@code catchException}: no method handle is made.
     */
    public static HostCall catching(HostCall function, Mapper mapper) {
        return new Catching(function, mapper);
    }

    /** The code for {@code failure}: a {@link HostError}'s own, else {@code mapper}'s. */
    private static int code(Mapper mapper, Throwable failure) throws Throwable {
        if (failure instanceof HostError e) {
            return e.code();
        }
        return mapper.code(failure);
    }

    /** A host call whose failures become codes. */
    private static final class Catching implements HostCall {
        private final HostCall function;
        private final Mapper mapper;

        Catching(HostCall function, Mapper mapper) {
            this.function = function;
            this.mapper = mapper;
        }

        @Override
        public long call() throws Throwable {
            try {
                return function.call();
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a) throws Throwable {
            try {
                return function.call(a);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b) throws Throwable {
            try {
                return function.call(a, b);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c) throws Throwable {
            try {
                return function.call(a, b, c);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d) throws Throwable {
            try {
                return function.call(a, b, c, d);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d, long e) throws Throwable {
            try {
                return function.call(a, b, c, d, e);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d, long e, long f) throws Throwable {
            try {
                return function.call(a, b, c, d, e, f);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d, long e, long f, long g) throws Throwable {
            try {
                return function.call(a, b, c, d, e, f, g);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d, long e, long f, long g, long h) throws Throwable {
            try {
                return function.call(a, b, c, d, e, f, g, h);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d, long e, long f, long g, long h, long i) throws Throwable {
            try {
                return function.call(a, b, c, d, e, f, g, h, i);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }

        @Override
        public long call(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j)
                throws Throwable {
            try {
                return function.call(a, b, c, d, e, f, g, h, i, j);
            } catch (Throwable t) {
                return code(mapper, t);
            }
        }
    }
}
