package dev.wasm2jar.cli.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.cli.TestModules;
import dev.wasm2jar.cli.spectest.CommandResult.Outcome;
import dev.wasm2jar.runtime.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecRunnerTest {
    @TempDir
    Path dir;

    @Test
    void countsPassedFailedAndSkippedCommands() throws Exception {
        Files.write(dir.resolve("t.0.wasm"), TestModules.ADD);
        Files.write(dir.resolve("t.2.wasm"), TestModules.TRUNCATED);
        Files.write(dir.resolve("t.3.wasm"), TestModules.SPECTEST_GLOBAL);
        Files.writeString(dir.resolve("t.1.wat"), "(module (func (drop (i32.const 0x))))");
        Path json = dir.resolve("t.json");
        Files.writeString(json, """
                {"source_filename": "t.wast",
                 "commands": [
                  {"type": "module", "line": 1, "name": "$add", "filename": "t.0.wasm"},
                  {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "4294967295"}]}, "expected": [{"type": "i32", "value": "0"}]},
                  {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "2"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "5"}]},
                  {"type": "assert_trap", "line": 4, "action": {"type": "invoke", "field": "trap", "args": []}, "text": "unreachable", "expected": []},
                  {"type": "assert_malformed", "line": 5, "filename": "t.1.wat", "text": "unknown operator", "module_type": "text"},
                  {"type": "assert_return", "line": 6, "action": {"type": "invoke", "field": "add", "args": [{"type": "funcref", "value": "0"}, {"type": "i32", "value": "0"}]}, "expected": [{"type": "i32", "value": "0"}]},
                  {"type": "assert_malformed", "line": 7, "filename": "t.2.wasm", "text": "unexpected end", "module_type": "binary"},
                  {"type": "module", "line": 8, "name": "$bad", "filename": "t.2.wasm"},
                  {"type": "action", "line": 9, "action": {"type": "invoke", "module": "$bad", "field": "add", "args": []}, "expected": []},
                  {"type": "module", "line": 10, "name": "$g", "filename": "t.3.wasm"},
                  {"type": "assert_return", "line": 11, "action": {"type": "get", "field": "g"}, "expected": [{"type": "i32", "value": "666"}]},
                  {"type": "register", "line": 12, "name": "$g", "as": "G"},
                  {"type": "assert_exhaustion", "line": 13, "action": {"type": "invoke", "module": "$nobody", "field": "f", "args": []}, "text": "call stack exhausted", "expected": []},
                  {"type": "assert_trap", "line": 14, "action": {"type": "invoke", "module": "$add", "field": "trap", "args": []}, "text": "integer overflow", "expected": []}
                ]}
                """);

        FileResult result = SpecSuite.run(json, Duration.ofMinutes(1), Feature.WASM_2_0);

        assertNull(result.error());
        // The malformed text module passes through wat2wasm where wabt is installed, and is skipped where not.
        int text = dev.wasm2jar.compiler.TextFormat.available() ? 1 : 0;
        assertEquals(5 + text, result.passed(), () -> report(result));
        assertEquals(3, result.failed(), () -> report(result));
        assertEquals(2 - text, result.skipped(), () -> report(result));
        assertEquals(List.of(8), lines(result.setupFailures()));
        assertEquals(List.of(3, 9, 13), lines(result.failures()));
        assertEquals("expected i32:5 (0x5), got i32:4 (0x4)", reason(result, 3));
        assertTrue(reason(result, 9).startsWith("cannot run: module t.2.wasm at line 8 failed: malformed"),
                reason(result, 9));
        assertEquals("cannot run: no module named $nobody", reason(result, 13));
        assertEquals("message \"unreachable\", the spec says \"integer overflow\"", result(result, 14).note());
        assertEquals("t.json: " + (5 + text) + " passed, 3 failed, " + (2 - text) + " skipped (1 module failed)",
                result.summary());
    }

    @Test
    void scriptThatDoesNotFinishFailsWhatIsLeft() throws Exception {
        Files.write(dir.resolve("spin.0.wasm"), TestModules.SPIN);
        Path json = dir.resolve("spin.json");
        Files.writeString(json, """
                {"commands": [
                  {"type": "module", "line": 1, "filename": "spin.0.wasm"},
                  {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "spin", "args": []}, "expected": []},
                  {"type": "action", "line": 3, "action": {"type": "invoke", "field": "spin", "args": []}, "expected": []}
                ]}
                """);
        // The abandoned thread spins on as a daemon until this test JVM exits.
        FileResult result = SpecSuite.run(json, Duration.ofMillis(1500), Feature.WASM_2_0);
        assertEquals("timed out after 1500 ms at line 2", result.error());
        assertEquals(List.of(2, 3), lines(result.failures()));
        assertEquals("not finished: timed out after 1500 ms at line 2", reason(result, 2));
    }

    /**
     * A module that needs a feature wasm2jar lacks decides nothing: its assert_invalid fails, as does an
     * assert_unlinkable that links against it; both count as unsupported.
     */
    @Test
    void unsupportedFeaturesAreNeverPasses() throws Exception {
        java.util.HexFormat hex = java.util.HexFormat.of();
        // (memory 0 1 shared): the threads proposal, which wasm2jar does not compile.
        Files.write(dir.resolve("u.0.wasm"), hex.parseHex("0061736d01000000" + "050401030001"));
        // (func (result i32)) with an empty body: invalid.
        Files.write(dir.resolve("u.1.wasm"), hex.parseHex("0061736d01000000" + "010501600001" + "7f" + "03020100"
                + "0a040102000b"));
        // (import "G" "f" (func)).
        Files.write(dir.resolve("u.2.wasm"), hex.parseHex("0061736d01000000" + "010401600000" + "0207010147016600"
                + "00"));
        Path json = dir.resolve("u.json");
        Files.writeString(json, """
                {"commands": [
                  {"type": "module", "line": 1, "name": "$gc", "filename": "u.0.wasm"},
                  {"type": "assert_invalid", "line": 2, "filename": "u.0.wasm", "text": "type mismatch", "module_type": "binary"},
                  {"type": "assert_invalid", "line": 3, "filename": "u.1.wasm", "text": "type mismatch", "module_type": "binary"},
                  {"type": "register", "line": 4, "name": "$gc", "as": "G"},
                  {"type": "assert_unlinkable", "line": 5, "filename": "u.2.wasm", "text": "incompatible import type", "module_type": "binary"}
                ]}
                """);

        FileResult result = SpecSuite.run(json, null, Feature.WASM_3_0);

        assertEquals(1, result.passed(), () -> report(result));
        assertEquals(List.of(2, 5), lines(result.failures()));
        assertEquals(2, result.unsupported());
        assertEquals(Feature.THREADS, result(result, 2).unsupported());
        assertEquals("not decided: unsupported: the module needs threads and atomics (threads), which wasm2jar does not"
                + " support yet: memory 0 is shared", reason(result, 2));
        assertEquals("not decided: it imports from G, which did not load because it needs threads", reason(result, 5));
        assertEquals("u.json: 1 passed, 2 failed (2 unsupported), 0 skipped (2 modules failed)", result.summary());
    }

    @Test
    void unreadableScriptIsAnError() throws Exception {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"commands\": [");
        FileResult result = SpecSuite.run(json, null, Feature.WASM_2_0);
        assertTrue(result.error().startsWith("cannot read the script: line 1"), result.error());
        assertTrue(!result.ok());
    }

    @Test
    void findsScriptsUnderDirectoriesSorted() throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("b/b.json"), "{}");
        Files.writeString(dir.resolve("a/a.json"), "{}");
        Files.writeString(dir.resolve("a/a.wast"), "");
        assertEquals(List.of(dir.resolve("a/a.json"), dir.resolve("b/b.json")), SpecSuite.findScripts(List.of(dir)));
    }

    @Test
    void classNamesAreUniqueAndLegal() {
        String a = SpecRunner.className("binary-leb128.3.wasm");
        String b = SpecRunner.className("binary-leb128.3.wasm");
        assertTrue(a.matches("spectest\\.binary_leb128_3_\\d+"), a);
        assertTrue(!a.equals(b));
        assertTrue(SpecRunner.className("2.wasm").startsWith("spectest.m2_"));
    }

    private static List<Integer> lines(List<CommandResult> results) {
        return results.stream().map(r -> r.command().line()).toList();
    }

    private static CommandResult result(FileResult result, int line) {
        return result.results().stream().filter(r -> r.command().line() == line).findFirst().orElseThrow();
    }

    private static String reason(FileResult result, int line) {
        return result(result, line).reason();
    }

    private static String report(FileResult result) {
        StringBuilder sb = new StringBuilder();
        for (CommandResult r : result.results()) {
            if (r.outcome() != Outcome.PASSED) {
                sb.append('\n').append(r);
            }
        }
        return sb.toString();
    }
}
