package dev.wasm2jar.cli.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsWast2jsonCommands() {
        Object json = Json.parse("""
                {"source_filename": "i32.wast",
                 "commands": [
                  {"type": "module", "line": 3, "filename": "i32.0.wasm"},\s
                  {"type": "assert_return", "line": 37, "action": {"type": "invoke", "field": "add", "args": [{"type": "i32", "value": "1"}]}, "expected": []}]}
                """);
        Map<?, ?> map = (Map<?, ?>) json;
        assertEquals("i32.wast", map.get("source_filename"));
        List<?> commands = (List<?>) map.get("commands");
        assertEquals(2, commands.size());
        assertEquals(Map.of("type", "module", "line", 3L, "filename", "i32.0.wasm"), commands.get(0));
        Map<?, ?> action = (Map<?, ?>) ((Map<?, ?>) commands.get(1)).get("action");
        assertEquals(List.of(Map.of("type", "i32", "value", "1")), action.get("args"));
    }

    @Test
    void scalars() {
        assertEquals(-12L, Json.parse("-12"));
        assertEquals(1.5e3, Json.parse("1.5e3"));
        assertEquals(Boolean.TRUE, Json.parse("true"));
        assertEquals(Boolean.FALSE, Json.parse(" false "));
        assertNull(Json.parse("null"));
        assertEquals(List.of(), Json.parse("[ ]"));
        assertEquals(Map.of(), Json.parse("{}"));
    }

    @Test
    void stringEscapes() {
        assertEquals("a\"b\\c/d\b\f\n\r\t", Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""));
        assertEquals("\u0000\u001f", Json.parse("\"\\u0000\\u001F\""));
        // names.wast exports names outside the BMP, written as surrogate pairs
        assertEquals("\uD834\uDD1E", Json.parse("\"\\ud834\\udd1e\""));
        assertEquals("\u00e9", Json.parse("\"\u00e9\""));
    }

    @Test
    void errorsNameLineAndColumn() {
        var e = assertThrows(Json.JsonException.class, () -> Json.parse("{\n  \"a\": tru\n}"));
        assertTrue(e.getMessage().startsWith("line 2, column 8:"), e.getMessage());
        assertThrows(Json.JsonException.class, () -> Json.parse("[1, 2"));
        assertThrows(Json.JsonException.class, () -> Json.parse("[1] x"));
        assertThrows(Json.JsonException.class, () -> Json.parse("\"abc"));
        assertThrows(Json.JsonException.class, () -> Json.parse("\"\\x\""));
        assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(Json.JsonException.class, () -> Json.parse("\"a\nb\""));
        assertThrows(Json.JsonException.class, () -> Json.parse(""));
        assertThrows(Json.JsonException.class, () -> Json.parse("1.2.3"));
    }
}
