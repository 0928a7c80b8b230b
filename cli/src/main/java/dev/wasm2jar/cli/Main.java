package dev.wasm2jar.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code wasm2jar}: the command line, parsed by picocli. Subcommands are {@code Callable<Integer>}s that find their
 * {@link Console} here; every error the user can fix ends as one line {@code wasm2jar: error: ...} on stderr and a
 * non-zero exit code (2 for wrong usage, 1 for the rest), with a stack trace only under {@code --verbose}.
 */
@Command(name = "wasm2jar", versionProvider = Version.class, sortOptions = false,
        customSynopsis = {"wasm2jar [--verbose] COMMAND [ARGS...]", "       wasm2jar --version | --help | COMMAND --help"},
        description = "Compiles WebAssembly modules ahead of time into JVM classes.",
        subcommands = {CompileCommand.class, RunCommand.class, InvokeCommand.class, InspectCommand.class,
                SpectestCommand.class, HelpCommand.class})
public final class Main {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, order = 100,
            description = "print details and stack traces")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 101,
            description = "this help; 'wasm2jar COMMAND --help' for a command's")
    boolean help;

    @Option(names = "--version", versionHelp = true, order = 102, description = "print the version")
    boolean version;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Where the command that runs writes, and whether {@code --verbose} was given. */
    Console console() {
        return new Console(out, err, verbose);
    }

    public static void main(String[] args) {
        int[] exit = {1};
        // The work runs on a thread with a large stack, for deeply recursive wasm code.
        Thread worker = LargeStack.newThread("wasm2jar", () -> exit[0] = run(args, System.out, System.err));
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.flush();
        System.err.flush();
        System.exit(exit[0]);
    }

    /** Runs the command line {@code argv}; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Main main = new Main(out, err);
        try {
            CommandLine cli = commandLine(main, out);
            ParseResult parsed = cli.parseArgs(argv);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            if (!parsed.hasSubcommand()) {
                throw new CliException("no command given; try 'wasm2jar --help'");
            }
            ParseResult command = parsed.subcommand();
            @SuppressWarnings("unchecked")
            Callable<Integer> task = (Callable<Integer>) command.commandSpec().userObject();
            return task.call();
        } catch (ParameterException e) {
            err.println("wasm2jar: error: " + Errors.usage(e, argv));
            return CliException.USAGE;
        } catch (CliException e) {
            err.println("wasm2jar: error: " + e.getMessage());
            if (main.verbose && e.getCause() != null) {
                Errors.printStackTrace(e.getCause(), err);
            }
            return e.exitCode();
        } catch (Throwable t) {
            err.println("wasm2jar: error: " + Errors.describe(t));
            if (main.verbose) {
                Errors.printStackTrace(t, err);
            }
            return CliException.FAILURE;
        } finally {
            out.flush();
        }
    }

    /** The parser for {@code main} and its subcommands, printing help and version to {@code out}. */
    private static CommandLine commandLine(Main main, PrintStream out) {
        CommandLine cli = new CommandLine(main).setOut(new PrintWriter(out, true));
        RunCommand.configure(cli.getSubcommands().get("run"));
        InvokeCommand.configure(cli.getSubcommands().get("invoke"));
        UsageHelp.style(cli);
        return cli;
    }
}
