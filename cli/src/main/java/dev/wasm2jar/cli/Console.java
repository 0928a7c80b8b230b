package dev.wasm2jar.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results to {@code out}, errors to {@code err}.
 *
 * @param verbose {@code --verbose} was given: print details and stack traces
 */
record Console(PrintStream out, PrintStream err, boolean verbose) {}
