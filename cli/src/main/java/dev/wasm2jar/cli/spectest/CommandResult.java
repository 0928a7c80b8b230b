package dev.wasm2jar.cli.spectest;

/**
 * What became of one command.
 *
 * @param command the command
 * @param outcome passed, failed or skipped
 * @param reason why it failed or was skipped; null when it passed
 * @param note something worth knowing about a pass, such as a trap message that differs from the spec's wording
 * @param cause the exception behind a failure, for stack traces; may be null
 */
public record CommandResult(SpecCommand command, Outcome outcome, String reason, String note, Throwable cause) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    static CommandResult passed(SpecCommand command, String note) {
        return new CommandResult(command, Outcome.PASSED, null, note, null);
    }

    static CommandResult failed(SpecCommand command, String reason, Throwable cause) {
        return new CommandResult(command, Outcome.FAILED, reason, null, cause);
    }

    static CommandResult skipped(SpecCommand command, String reason) {
        return new CommandResult(command, Outcome.SKIPPED, reason, null, null);
    }

    /** {@code line 37: assert_return invoke add[...]: expected ..., got ...}. */
    @Override
    public String toString() {
        return "line " + command.line() + ": " + command.describe()
                + (reason == null ? "" : ": " + reason) + (note == null ? "" : " (" + note + ")");
    }
}
