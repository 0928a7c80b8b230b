package dev.wasm2jar.nn.internal.tflite;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.Reporter_Pointer_String_Pointer;

/**
 * TensorFlow Lite's error messages, kept for the {@code NnException} of the call that caused them instead of going
 * to the process's stderr (the default reporter's destination). The reporter gets a printf format and a
 * {@code va_list} Java cannot expand, so a message is its format text.
 */
final class ErrorLog implements AutoCloseable {
    /** The reporter models are verified with; it lives as long as the class. */
    static final Reporter_Pointer_String_Pointer REPORTER = new Reporter();

    private static final ThreadLocal<ErrorLog> CURRENT = new ThreadLocal<>();
    private static final int LIMIT = 300;

    private final StringBuilder text = new StringBuilder();

    private ErrorLog() {}

    /** Collects the messages this thread's calls report until {@link #close}. */
    static ErrorLog capture() {
        ErrorLog log = new ErrorLog();
        CURRENT.set(log);
        return log;
    }

    /** {@code " (TensorFlow Lite: MESSAGES)"}, or nothing when none came. */
    String reason() {
        return text.isEmpty() ? "" : " (TensorFlow Lite: " + text + ")";
    }

    @Override
    public void close() {
        CURRENT.remove();
    }

    private static final class Reporter extends Reporter_Pointer_String_Pointer {
        @Override
        public void call(Pointer userData, String format, Pointer args) {
            ErrorLog log = CURRENT.get();
            if (log != null && format != null && log.text.length() < LIMIT) {
                log.text.append(log.text.isEmpty() ? "" : "; ").append(format.strip());
            }
        }
    }
}
