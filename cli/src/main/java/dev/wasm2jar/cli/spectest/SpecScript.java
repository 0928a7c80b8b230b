package dev.wasm2jar.cli.spectest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.jr.ob.JSON;

/**
 * A spec-test script in wast2json's format: the commands of one .wast file, whose module files lie beside the JSON.
 *
 * @param file the JSON file
 * @param commands in order
 */
public record SpecScript(Path file, List<SpecCommand> commands) {
    /**
     * Objects as {@code Map}s in their order, arrays as {@code List}s, strings as they are (wast2json writes every
     * wasm value as a string), integers as {@code Integer} or {@code Long}; a number with a fraction would be a
     * {@code BigDecimal}, never a rounded double.
     */
    private static final JSON READER = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Reads {@code file}; an IllegalArgumentException tells what is wrong with it (where, for bad JSON). */
    public static SpecScript read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object json;
        try (JsonParser parser = READER.createParser(text)) {
            json = READER.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(where(parser.currentTokenLocation()) + "more text after the script");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where(e.getLocation())
                    + e.getOriginalMessage().lines().findFirst().orElse("not JSON"), e);
        }
        if (!(json instanceof Map<?, ?> map) || !(map.get("commands") instanceof List<?> commands)) {
            throw new IllegalArgumentException("no \"commands\" list: not a wast2json script");
        }
        return new SpecScript(file, commands.stream().map(SpecCommand::fromJson).toList());
    }

    private static String where(TokenStreamLocation at) {
        return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    /** A module file named by a command, which lies beside the script. */
    public Path resolve(String filename) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(filename) : parent.resolve(filename);
    }

    /** How many commands count towards the totals ({@link SpecCommand#counted()}). */
    public int countedCommands() {
        return (int) commands.stream().filter(SpecCommand::counted).count();
    }
}
