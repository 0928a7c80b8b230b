package dev.wasm2jar.cli.spectest;

import dev.wasm2jar.cli.spectest.CommandResult.Outcome;
import java.nio.file.Path;
import java.util.List;

/**
 * The results of one script. Only {@linkplain SpecCommand#counted() counted} commands (actions and assertions) enter
 * the totals; a module or register command that failed is a {@linkplain #setupFailures() setup failure}, which also
 * fails the commands that need it.
 *
 * @param file the script
 * @param results one per command that ran, in order
 * @param error why the script could not be read or finished, or null
 */
public record FileResult(Path file, List<CommandResult> results, String error) {

    public long passed() {
        return count(Outcome.PASSED);
    }

    public long failed() {
        return count(Outcome.FAILED);
    }

    public long skipped() {
        return count(Outcome.SKIPPED);
    }

    /** Of the failed, those that failed because a module needs a feature wasm2jar does not compile. */
    public long unsupported() {
        return results.stream().filter(r -> r.command().counted() && r.unsupported() != null).count();
    }

    /** Failed module and register commands. */
    public List<CommandResult> setupFailures() {
        return results.stream().filter(r -> !r.command().counted() && r.outcome() == Outcome.FAILED).toList();
    }

    /** Failed counted commands. */
    public List<CommandResult> failures() {
        return results.stream().filter(r -> r.command().counted() && r.outcome() == Outcome.FAILED).toList();
    }

    /** No failure of any kind. */
    public boolean ok() {
        return error == null && results.stream().noneMatch(r -> r.outcome() == Outcome.FAILED);
    }

    /**
     * {@code i32.json: 374 passed, 0 failed, 0 skipped}, with how many failures are unsupported features
     * ({@code 9 failed (7 unsupported)}), then setup failures and errors.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(file.getFileName()).append(": ")
                .append(counts(passed(), failed(), unsupported(), skipped()));
        int setup = setupFailures().size();
        if (setup > 0) {
            sb.append(" (").append(setup).append(setup == 1 ? " module failed" : " modules failed").append(")");
        }
        if (error != null) {
            sb.append(" (").append(error).append(")");
        }
        return sb.toString();
    }

    /** {@code 3 passed, 9 failed (7 unsupported), 0 skipped}: the form every total of the harness takes. */
    public static String counts(long passed, long failed, long unsupported, long skipped) {
        return passed + " passed, " + failed + " failed" + (unsupported > 0 ? " (" + unsupported + " unsupported)" : "")
                + ", " + skipped + " skipped";
    }

    private long count(Outcome outcome) {
        return results.stream().filter(r -> r.command().counted() && r.outcome() == outcome).count();
    }
}
