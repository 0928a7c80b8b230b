package dev.wasm2jar.cli;

import java.util.List;

/** A subcommand of {@code wasm2jar}. */
interface Command {
    /** The word that selects it: {@code compile}. */
    String name();

    /** One line for the command list of {@code wasm2jar --help}. */
    String summary();

    /** The full text of {@code wasm2jar NAME --help}. */
    String usage();

    /**
     * Runs with the arguments after the command's name ({@code --verbose} and {@code --help} already handled).
     *
     * @return the exit code
     * @throws CliException for errors the user can fix
     */
    int run(List<String> args, Console console) throws Exception;

    /**
     * The index in {@code args} (the arguments after the command's name) where arguments stop being the command's
     * own: from there on, {@code --verbose} and {@code --help} are left alone (they belong to a guest program).
     */
    default int guestArgsStart(List<String> args) {
        return args.size();
    }
}
