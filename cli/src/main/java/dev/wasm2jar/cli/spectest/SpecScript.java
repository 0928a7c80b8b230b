package dev.wasm2jar.cli.spectest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A spec-test script in wast2json's format: the commands of one .wast file, whose module files lie beside the JSON.
 *
 * @param file the JSON file
 * @param commands in order
 */
public record SpecScript(Path file, List<SpecCommand> commands) {

    /** Reads {@code file}; a {@link Json.JsonException} or IllegalArgumentException tells what is wrong with it. */
    public static SpecScript read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object json = Json.parse(text);
        if (!(json instanceof Map<?, ?> map) || !(map.get("commands") instanceof List<?> commands)) {
            throw new IllegalArgumentException("no \"commands\" list: not a wast2json script");
        }
        return new SpecScript(file, commands.stream().map(SpecCommand::fromJson).toList());
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
