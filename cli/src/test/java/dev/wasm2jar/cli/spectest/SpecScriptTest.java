package dev.wasm2jar.cli.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading wast2json's scripts: every field, values exactly as written, and bad JSON named by line and column. */
class SpecScriptTest {
    @TempDir
    Path dir;

    private SpecScript read(String json) throws Exception {
        Path file = dir.resolve("t.json");
        Files.writeString(file, json);
        return SpecScript.read(file);
    }

    @Test
    void readsEveryFieldOfWast2jsonCommands() throws Exception {
        SpecScript script = read("""
                {"source_filename": "t.wast",
                 "commands": [
                  {"type": "module", "line": 3, "name": "$m", "filename": "t.0.wasm"},
                  {"type": "register", "line": 4, "name": "$m", "as": "M"},
                  {"type": "assert_return", "line": 37, "action": {"type": "invoke", "module": "$m", "field": "add\\u00e9\\ud834\\udd1e", "args": [{"type": "i64", "value": "18446744073709551615"}, {"type": "f64", "value": "nan:arithmetic"}]}, "expected": [{"type": "v128", "lane_type": "i8", "value": ["255", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "128"]}]},
                  {"type": "assert_malformed", "line": 40, "filename": "t.1.wat", "text": "unknown operator", "module_type": "text"}]}
                """);

        List<SpecCommand> commands = script.commands();
        assertEquals(4, commands.size());
        assertEquals(new SpecCommand("module", 3, "$m", null, "t.0.wasm", null, null, null, List.of()),
                commands.get(0));
        assertEquals("M", commands.get(1).as());
        SpecCommand assertion = commands.get(2);
        assertEquals(37, assertion.line());
        assertEquals("add\u00e9\uD834\uDD1E", assertion.action().field());
        assertEquals("$m", assertion.action().module());
        // Values stay the strings wast2json wrote: the harness parses their bits itself.
        assertEquals(List.of(new SpecValue("i64", "18446744073709551615", null, null),
                new SpecValue("f64", "nan:arithmetic", null, null)), assertion.action().args());
        SpecValue lanes = assertion.expected().get(0);
        assertEquals("i8", lanes.laneType());
        assertNull(lanes.value());
        assertEquals("255", lanes.lanes().get(0));
        assertEquals("128", lanes.lanes().get(15));
        assertEquals("text", commands.get(3).moduleType());
        assertEquals("unknown operator", commands.get(3).text());
        assertEquals(2, script.countedCommands()); // the assertions, not the module and the register
    }

    @Test
    void numbersWrittenAsJsonNumbersLoseNothing() throws Exception {
        SpecScript script = read("""
                {"commands": [{"type": "action", "line": 1, "action": {"type": "invoke", "field": "f", "args": [
                  {"type": "i64", "value": 18446744073709551615}, {"type": "f64", "value": 0.1000000000000000055511151231257827}]},
                  "expected": []}]}
                """);

        List<SpecValue> args = script.commands().get(0).action().args();
        assertEquals("18446744073709551615", args.get(0).value());
        assertEquals("0.1000000000000000055511151231257827", args.get(1).value());
    }

    @Test
    void badJsonIsNamedByLineAndColumn() {
        var e = assertThrows(IllegalArgumentException.class, () -> read("{\n  \"commands\": tru\n}"));
        assertEquals("line 2, column 15: Unrecognized token 'tru': was expecting (JSON String, Number, Array,"
                + " Object or token 'null', 'true' or 'false')", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("{\"commands\": [1, 2"));
        assertThrows(IllegalArgumentException.class, () -> read("{\"commands\": []} x"));
        assertEquals("line 1, column 18: more text after the script",
                assertThrows(IllegalArgumentException.class, () -> read("{\"commands\": []} {}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("\"abc"));
        assertThrows(IllegalArgumentException.class, () -> read(""));
    }

    @Test
    void jsonThatIsNoScriptIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> read("{\"source_filename\": \"t.wast\"}"));
        assertEquals("no \"commands\" list: not a wast2json script", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("[]"));
    }
}
