package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UninstantiableException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.WasmException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

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
        if (t instanceof dev.wasm2jar.compiler.CompilationException) {
            return "cannot compile: " + message;
        }
        return "internal error: " + t.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }

    /**
     * The message for a command line that does not parse: an unknown option or command, an option without its value
     * (named as it was typed: {@code -o} or {@code --output}), with where to look for help.
     */
    static String usage(ParameterException e, String[] argv) {
        CommandLine command = e.getCommandLine();
        boolean top = command.getParent() == null;
        String forCommand = top ? "" : " for '" + command.getCommandName() + "'";
        String help = "; try 'wasm2jar " + (top ? "" : command.getCommandName() + " ") + "--help'";
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                return "unknown option '" + (eq > 0 ? arg.substring(0, eq) : arg) + "'" + forCommand + help;
            }
            return (top ? "unknown command '" + arg + "'" : "unexpected argument '" + arg + "'" + forCommand) + help;
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof OptionSpec option) {
            return "option '" + typed(option, argv) + "' needs a value";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        if (message.isEmpty()) {
            return "bad arguments" + help;
        }
        // picocli's own sentences ("Unknown subcommand 'x'.") in the style of the others
        message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        return (message.endsWith(".") ? message.substring(0, message.length() - 1) : message) + help;
    }

    /** The name of {@code option} as it was last typed in {@code argv}, or its longest. */
    private static String typed(OptionSpec option, String[] argv) {
        List<String> names = List.of(option.names());
        for (int i = argv.length - 1; i >= 0; i--) {
            if (names.contains(argv[i])) {
                return argv[i];
            }
        }
        return option.longestName();
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
