package dev.wasm2jar.cli;

import dev.wasm2jar.runtime.LargeStack;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wasm2jar}: the command line. Subcommands are {@link Command}s; every error the user can fix ends as one line
 * {@code wasm2jar: error: ...} on stderr and a non-zero exit code (2 for wrong usage, 1 for the rest), with a stack
 * trace only under {@code --verbose}.
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new CompileCommand(), new RunCommand(), new InvokeCommand(), new InspectCommand(),
                new SpectestCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {}

    public static void main(String[] args) {
        // The work runs on a thread with a large stack, for deeply recursive wasm code.
        LargeStack.runAndExit("wasm2jar", () -> run(args, System.out, System.err));
    }

    /** Runs the command line {@code argv}; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean verbose = removeFlag(args, "--verbose", ownArgsEnd(args));
        Console console = new Console(out, err, verbose);
        try {
            if (args.isEmpty()) {
                throw new CliException("no command given; try 'wasm2jar --help'");
            }
            String first = args.get(0);
            List<String> rest = args.subList(1, args.size());
            switch (first) {
                case "--help", "-h", "help" -> {
                    out.print(rest.isEmpty() ? usage() : command(rest.get(0)).usage());
                    return 0;
                }
                case "--version" -> {
                    out.println("wasm2jar " + Version.get());
                    return 0;
                }
                default -> {
                    Command command = command(first);
                    int end = command.guestArgsStart(rest);
                    if (removeFlag(rest, "--help", end) | removeFlag(rest, "-h", end)) {
                        out.print(command.usage());
                        return 0;
                    }
                    return command.run(rest, console);
                }
            }
        } catch (CliException e) {
            err.println("wasm2jar: error: " + e.getMessage());
            if (verbose && e.getCause() != null) {
                Errors.printStackTrace(e.getCause(), err);
            }
            return e.exitCode();
        } catch (Throwable t) {
            err.println("wasm2jar: error: " + Errors.describe(t));
            if (verbose) {
                Errors.printStackTrace(t, err);
            }
            return CliException.FAILURE;
        }
    }

    private static Command command(String name) {
        Command command = COMMANDS.get(name);
        if (command == null) {
            throw new CliException((name.startsWith("-") ? "unknown option '" : "unknown command '") + name
                    + "'; try 'wasm2jar --help'");
        }
        return command;
    }

    private static String usage() {
        StringBuilder sb = new StringBuilder("""
                usage: wasm2jar [--verbose] COMMAND [ARGS...]

                Compiles WebAssembly modules ahead of time into JVM classes.

                commands:
                """);
        COMMANDS.values().forEach(c -> sb.append(String.format("  %-10s %s%n", c.name(), c.summary())));
        sb.append("""

                options:
                  --help       this help; 'wasm2jar COMMAND --help' for a command's
                  --version    print the version
                  --verbose    print details and stack traces
                """);
        return sb.toString();
    }

    /** Removes every {@code flag} before a {@code --} and before index {@code end}; whether there was one. */
    private static boolean removeFlag(List<String> args, String flag, int end) {
        boolean found = false;
        for (int i = 0; i < Math.min(end, args.size()) && !args.get(i).equals("--"); i++) {
            if (args.get(i).equals(flag)) {
                args.remove(i--);
                end--;
                found = true;
            }
        }
        return found;
    }

    /** Where wasm2jar's own arguments end: before the guest's arguments of a command that has them. */
    private static int ownArgsEnd(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).startsWith("-")) {
                Command command = COMMANDS.get(args.get(i));
                return command == null ? args.size()
                        : i + 1 + command.guestArgsStart(args.subList(i + 1, args.size()));
            }
        }
        return args.size();
    }
}
