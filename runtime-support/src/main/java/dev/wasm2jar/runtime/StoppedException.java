package dev.wasm2jar.runtime;

/**
 * A trap of the host's making: the guest was stopped because its fuel ran out, its deadline passed, or the host
 * {@link Instance#interrupt() interrupted} it ({@link Limits}). The message says which: {@code fuel exhausted},
 * {@code deadline exceeded} or {@code interrupted}.
 */
public class StoppedException extends TrapException {
    /** Why a guest was stopped. */
    public enum Reason {
        FUEL("fuel exhausted"),
        DEADLINE("deadline exceeded"),
        INTERRUPTED("interrupted");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** The trap's message. */
        public String message() {
            return message;
        }
    }

    private final Reason reason;

    public StoppedException(Reason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
