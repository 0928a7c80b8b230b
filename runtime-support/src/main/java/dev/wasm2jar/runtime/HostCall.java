package dev.wasm2jar.runtime;

/**
 * A host function that compiled code calls directly, without a method handle: every parameter and the result travel
 * as a {@code long}. An i32 is sign-extended (the host narrows it back with {@code (int)}), an f32 is its
 * {@code floatToRawIntBits}, an f64 its {@code doubleToRawLongBits}; a function with no result returns anything (0).
 * An implementation overrides the {@code call} of its function's arity.
 *
 * <p>Why: a method handle made through the {@code MethodHandles} API spins JDK classes for its shape and keeps the
 * JIT busy compiling {@code java.lang.invoke} at start-up, and neither JDK 25's ahead-of-time cache nor a runnable
 * jar keeps them (RATIONALE.md, "Host calls: imports without method handles"). A call through this interface is
 * monomorphic at each import stub, and the JIT inlines it. An interface rather than an abstract class: the verifier
 * loads every class returned where a class type is expected, and a switch that makes one of sixty host calls would
 * load all sixty.
 *
 * <pre>{@code
 * HostCall strlen = new HostCall() {
 *     default long call(long ptr, long len) {
 *         return count(memory, (int) ptr, (int) len);
 *     }
 * };
 * }</pre>
 *
 * Only types that {@link #fits} take this form; others are offered as method handles.
 */
public interface HostCall {
    /** The most parameters a host call takes. */
    int MAX_PARAMS = 10;

    /**
     * Whether functions of {@code type} can be host calls: numbers only, at most one result and {@link #MAX_PARAMS}
     * parameters.
     */
    static boolean fits(FunctionType type) {
        if (type.params().size() > MAX_PARAMS || type.results().size() > 1) {
            return false;
        }
        for (ValueType t : type.params()) {
            if (!t.isNumeric()) {
                return false;
            }
        }
        return type.results().isEmpty() || type.results().get(0).isNumeric();
    }

    default long call() throws Throwable {
        throw arity(0);
    }

    default long call(long a) throws Throwable {
        throw arity(1);
    }

    default long call(long a, long b) throws Throwable {
        throw arity(2);
    }

    default long call(long a, long b, long c) throws Throwable {
        throw arity(3);
    }

    default long call(long a, long b, long c, long d) throws Throwable {
        throw arity(4);
    }

    default long call(long a, long b, long c, long d, long e) throws Throwable {
        throw arity(5);
    }

    default long call(long a, long b, long c, long d, long e, long f) throws Throwable {
        throw arity(6);
    }

    default long call(long a, long b, long c, long d, long e, long f, long g) throws Throwable {
        throw arity(7);
    }

    default long call(long a, long b, long c, long d, long e, long f, long g, long h) throws Throwable {
        throw arity(8);
    }

    default long call(long a, long b, long c, long d, long e, long f, long g, long h, long i) throws Throwable {
        throw arity(9);
    }

    default long call(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j)
            throws Throwable {
        throw arity(10);
    }

    private UnsupportedOperationException arity(int n) {
        return new UnsupportedOperationException(getClass().getName() + " does not take " + n + " arguments");
    }
}
