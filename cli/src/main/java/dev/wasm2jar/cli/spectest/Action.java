package dev.wasm2jar.cli.spectest;

import java.util.List;
import java.util.Map;

/**
 * What an action command does: {@code invoke} an exported function or {@code get} an exported global.
 *
 * @param type invoke or get
 * @param module the module's name ({@code $m}), or null for the most recent module
 * @param field the export's name
 * @param args invoke's arguments
 */
public record Action(String type, String module, String field, List<SpecValue> args) {

    static Action fromJson(Map<?, ?> json) {
        List<?> args = json.get("args") instanceof List<?> list ? list : List.of();
        return new Action((String) json.get("type"), (String) json.get("module"), (String) json.get("field"),
                args.stream().map(SpecValue::fromJson).toList());
    }

    @Override
    public String toString() {
        String target = (module == null ? "" : module + ".") + field;
        return type.equals("invoke") ? "invoke " + target + args : type + " " + target;
    }
}
