package dev.wasm2jar.cli;

/** An error the user can fix, reported as one line {@code wasm2jar: error: MESSAGE}. */
final class CliException extends RuntimeException {
    /** Exit code for wrong usage: unknown command or option, missing or extra arguments. */
    static final int USAGE = 2;
    /** Exit code for everything else that failed. */
    static final int FAILURE = 1;

    private final int exitCode;

    CliException(String message) {
        this(message, null, USAGE);
    }

    CliException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
