package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UninstantiableException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.WasmException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one line that {@code wasm2jar: error:} is followed by, in one place. */
final class Errors {
    /** Frames of a stack trace worth printing; deep wasm recursion would print thousands. */
    private static final int MAX_FRAMES = 40;

    private Errors() {}

    /** The message for {@code t}: the module's error with its kind, the file for I/O, the class for bugs. */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        if (message.contains("\n")) {
            message = message.substring(0, message.indexOf('\n')).strip() + " ...";
        }
        if (t instanceof CliException) {
            return message;
        }
        if (t instanceof WasmException) {
            return kind(t) + ": " + message;
        }
        if (t instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
        }
        if (t instanceof IOException) {
            return message.isEmpty() ? t.toString() : message;
        }
        if (t instanceof StackOverflowError) {
            return "call stack exhausted";
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory: " + message;
        }
        if (t instanceof dev.wasm2jar.compiler.CompilationException || t instanceof UnsupportedFeatureException) {
            return "cannot compile: " + message;
        }
        return "internal error: " + t.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The kind of a wasm error as the spec tests name it. */
    static String kind(Throwable t) {
        if (t instanceof MalformedException) {
            return "malformed module";
        }
        if (t instanceof InvalidException) {
            return "invalid module";
        }
        if (t instanceof UnlinkableException) {
            return "unlinkable";
        }
        if (t instanceof UninstantiableException) {
            return "uninstantiable";
        }
        if (t instanceof ExhaustionException) {
            return "exhaustion";
        }
        if (t instanceof TrapException) {
            return "trap";
        }
        if (t instanceof ThrownException) {
            return "uncaught exception";
        }
        return t.getClass().getSimpleName();
    }

    /** Prints {@code t} and its causes, at most {@link #MAX_FRAMES} frames each. */
    static void printStackTrace(Throwable t, PrintStream out) {
        String prefix = "";
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            out.println(prefix + c);
            StackTraceElement[] frames = c.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                out.println("\tat " + frames[i]);
            }
            if (frames.length > MAX_FRAMES) {
                out.println("\t... " + (frames.length - MAX_FRAMES) + " more");
            }
            prefix = "Caused by: ";
        }
    }
}
