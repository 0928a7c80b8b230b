package dev.wasm2jar.cli.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of binaryen's {@code --fuzz-exec-before} account: an export called, its results, a value logged through
 * the {@code fuzzing-support} imports, or a trap. Lines that say nothing about the module's behaviour (binaryen's
 * own notes) are left out.
 *
 * @param kind what happened
 * @param export the export called or returning, for {@link Kind#CALL} and {@link Kind#RESULT}
 * @param text the results ({@code 5}, {@code (1, -nan:0x400000)}), the logged value or the trap's message
 */
record Expected(Kind kind, String export, String text) {
    enum Kind { CALL, RESULT, LOG, TRAP }

    private static final String CALL = "[fuzz-exec] calling ";
    private static final String RESULT = "[fuzz-exec] note result: ";
    private static final String LOG = "[LoggingExternalInterface logging ";
    private static final String TRAP = "[trap ";

    /** binaryen's output, line by line; an unknown line in brackets is kept as a trap nobody matches. */
    static List<Expected> parse(String output) {
        List<Expected> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(CALL)) {
                lines.add(new Expected(Kind.CALL, line.substring(CALL.length()), ""));
            } else if (line.startsWith(RESULT)) {
                String rest = line.substring(RESULT.length());
                int arrow = rest.indexOf(" => ");
                lines.add(new Expected(Kind.RESULT, rest.substring(0, arrow), rest.substring(arrow + 4)));
            } else if (line.startsWith(LOG) && line.endsWith("]")) {
                lines.add(new Expected(Kind.LOG, "", line.substring(LOG.length(), line.length() - 1)));
            } else if (line.startsWith(TRAP) && line.endsWith("]")) {
                lines.add(new Expected(Kind.TRAP, "", line.substring(TRAP.length(), line.length() - 1)));
            } else if (line.startsWith("[") && !line.startsWith("[fuzz-exec]")) {
                lines.add(new Expected(Kind.TRAP, "", line)); // [host limit ...] and the like: shown, never matched
            }
        }
        return lines;
    }

    /** The results one by one: a tuple {@code (a, b)} splits at its commas, which no single value contains. */
    List<String> values() {
        if (text.startsWith("(") && text.endsWith(")")) {
            return List.of(text.substring(1, text.length() - 1).split(", "));
        }
        return List.of(text);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CALL -> CALL + export;
            case RESULT -> RESULT + export + " => " + text;
            case LOG -> LOG + text + "]";
            case TRAP -> TRAP + text + "]";
        };
    }
}
