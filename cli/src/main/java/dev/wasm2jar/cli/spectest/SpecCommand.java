package dev.wasm2jar.cli.spectest;

import java.util.List;
import java.util.Map;

/**
 * One command of a wast2json script. Fields that a command type does not use are null.
 *
 * @param type module, register, action, assert_return, assert_trap ...
 * @param line the line in the .wast source
 * @param name the module's name ({@code $m}) for module, or the module to register for register
 * @param as register's name for the module among imports
 * @param filename the module file, relative to the script
 * @param moduleType binary or text, for module assertions
 * @param text the message the assertion expects
 * @param action the action of action, assert_return, assert_trap and assert_exhaustion
 * @param expected what the action should return
 * @param either for an action with one result, the results it may return, any one of them (relaxed SIMD's
 *     instructions may give any of a set); empty otherwise
 * @param definition for module_instance, the name of the module_definition it instantiates
 */
public record SpecCommand(String type, int line, String name, String as, String filename, String moduleType,
        String text, Action action, List<SpecValue> expected, List<SpecValue> either, String definition) {

    public SpecCommand(String type, int line, String name, String as, String filename, String moduleType,
            String text, Action action, List<SpecValue> expected) {
        this(type, line, name, as, filename, moduleType, text, action, expected, List.of(), null);
    }

    static SpecCommand fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a command must be an object, not " + json);
        }
        Object line = map.get("line");
        Object action = map.get("action");
        List<?> expected = map.get("expected") instanceof List<?> list ? list : List.of();
        List<?> either = map.get("either") instanceof List<?> list ? list : List.of();
        return new SpecCommand(
                (String) map.get("type"),
                line instanceof Number n ? n.intValue() : 0,
                (String) map.get("name"),
                (String) map.get("as"),
                (String) map.get("filename"),
                (String) map.get("module_type"),
                (String) map.get("text"),
                action instanceof Map<?, ?> a ? Action.fromJson(a) : null,
                expected.stream().map(SpecValue::fromJson).toList(),
                either.stream().map(SpecValue::fromJson).toList(),
                (String) map.get("definition"));
    }

    /** Whether this command is an assertion that the totals count: {@code action} and every {@code assert_*}. */
    public boolean counted() {
        return type.equals("action") || type.startsWith("assert_");
    }

    /** A short description for messages: {@code assert_return invoke add[i32:1, i32:2]}. */
    public String describe() {
        if (action != null) {
            return type + " " + action;
        }
        if (filename != null) {
            return type + " " + filename;
        }
        return type;
    }
}
