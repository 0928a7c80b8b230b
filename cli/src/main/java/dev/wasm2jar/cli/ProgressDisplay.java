package dev.wasm2jar.cli;

import dev.wasm2jar.compiler.Progress;
import java.io.PrintStream;

/**
 * Compile progress on stderr: a bar redrawn in place on a terminal, otherwise a plain line every tenth of the way
 * for modules large enough to take a while.
 */
final class ProgressDisplay implements Progress {
    private static final int WIDTH = 30;
    /** Below this many functions a compile is over too fast to need plain progress lines. */
    private static final int PLAIN_THRESHOLD = 2000;

    private final PrintStream err;
    private final boolean terminal;
    private int shown = -1;
    private boolean drawn;

    ProgressDisplay(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void functions(int done, int total) {
        done = Math.min(done, total);
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (terminal) {
            if (percent != shown) {
                int filled = percent * WIDTH / 100;
                err.print("\rcompiling [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% ("
                        + done + "/" + total + " functions)");
                err.flush();
                shown = percent;
                drawn = true;
            }
        } else if (total >= PLAIN_THRESHOLD && percent / 10 != shown / 10) {
            err.println("compiling: " + done + "/" + total + " functions");
            shown = percent;
        }
    }

    /** Clears the bar, if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
        }
    }
}
