package dev.wasm2jar.cli.spectest;

import java.util.List;
import java.util.Map;

/**
 * A value as wast2json writes it: {@code {"type": "i32", "value": "4294967295"}}. Numbers are the unsigned decimal of
 * their bits; floats may be {@code nan:canonical} or {@code nan:arithmetic} in expectations; references are
 * {@code null} or a number (externref); v128 values carry a lane type and lanes.
 *
 * @param type i32, i64, f32, f64, v128, funcref, externref ...
 * @param value the value, or null when absent (assert_trap's expected types have none)
 * @param laneType v128 only
 * @param lanes v128 only
 */
public record SpecValue(String type, String value, String laneType, List<String> lanes) {

    static SpecValue fromJson(Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a value must be an object, not " + json);
        }
        String type = (String) map.get("type");
        Object value = map.get("value");
        if (value instanceof List<?> list) {
            List<String> lanes = list.stream().map(String::valueOf).toList();
            return new SpecValue(type, null, (String) map.get("lane_type"), lanes);
        }
        return new SpecValue(type, value == null ? null : String.valueOf(value), (String) map.get("lane_type"), null);
    }

    /** Whether the harness can handle this value. */
    public boolean supported() {
        return switch (type) {
            case "i32", "i64", "f32", "f64", "v128", "funcref", "externref", "anyref", "eqref", "i31ref", "structref",
                    "arrayref", "nullref", "nullfuncref", "nullexternref" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        if (lanes != null) {
            return type + "." + laneType + lanes;
        }
        return value == null ? type : type + ":" + value;
    }
}
