package dev.wasm2jar.cli.spectest;

import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.UnsupportedFeatureException;

/**
 * What became of one command.
 *
 * @param command the command
 * @param outcome passed, failed or skipped
 * @param reason why it failed or was skipped; null when it passed
 * @param note something worth knowing about a pass, such as a trap message that differs from the spec's wording
 * @param cause the exception behind a failure, for stack traces; may be null
 * @param unsupported for a failure because the module needs a feature wasm2jar does not compile, that feature;
 *     else null. Such a command failed: it was not decided, whatever it asserts.
 */
public record CommandResult(SpecCommand command, Outcome outcome, String reason, String note, Throwable cause,
        Feature unsupported) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    static CommandResult passed(SpecCommand command, String note) {
        return new CommandResult(command, Outcome.PASSED, null, note, null, null);
    }

    static CommandResult failed(SpecCommand command, String reason, Throwable cause) {
        Feature feature = cause instanceof UnsupportedFeatureException u ? u.feature() : null;
        return new CommandResult(command, Outcome.FAILED, reason, null, cause, feature);
    }

    /** A failure because something the command needs failed for want of {@code unsupported} (may be null). */
    static CommandResult cannotRun(SpecCommand command, String reason, Feature unsupported) {
        return new CommandResult(command, Outcome.FAILED, reason, null, null, unsupported);
    }

    static CommandResult skipped(SpecCommand command, String reason) {
        return new CommandResult(command, Outcome.SKIPPED, reason, null, null, null);
    }

    /** {@code line 37: assert_return invoke add[...]: expected ..., got ...}. */
    @Override
    public String toString() {
        return "line " + command.line() + ": " + command.describe()
                + (reason == null ? "" : ": " + reason) + (note == null ? "" : " (" + note + ")");
    }
}
