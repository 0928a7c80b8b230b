package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.Tag;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;
import dev.wasm2jar.runtime.abi.ModuleShape.Import;
import dev.wasm2jar.runtime.abi.ModuleShape.Limits;
import java.util.List;
import java.util.stream.Collectors;
import dev.wasm2jar.runtime.abi.ModuleShape;

/** How link errors describe what an import expects and what was found for it. */
public final class Externs {
    private Externs() {}

    /** {@code module.name}. */
    public static String name(Import im) {
        return im.module() + "." + im.name();
    }

    /** What {@code im} expects: {@code function [i32] -> []}, {@code memory (min 1)}, {@code global i64} ... */
    public static String expected(ModuleShape shape, Import im) {
        return switch (im.kind()) {
            case FUNCTION -> "function " + type(shape.types().get(im.typeIndex()));
            case MEMORY -> (im.limits().address64() ? "64-bit " : "") + "memory (" + limits(im.limits()) + ")";
            case TABLE -> (im.limits().address64() ? "64-bit " : "") + im.valueType() + " table ("
                    + limits(im.limits()) + ")";
            case GLOBAL -> (im.mutable() ? "mutable " : "") + "global " + im.valueType();
            case TAG -> "tag " + type(shape.types().get(im.typeIndex()));
        };
    }

    /** What {@code value} is, in the same terms. */
    public static String found(Object value) {
        if (value instanceof WasmFunction f) {
            return "function " + type(f.type());
        }
        if (value instanceof Global g) {
            return (g.isMutable() ? "mutable " : "") + "global " + g.type();
        }
        if (value instanceof Memory m) {
            return (m.address64() ? "64-bit " : "") + "memory of " + m.pages() + " pages"
                    + (m.maxPages() < 0 ? "" : ", max " + m.maxPages());
        }
        if (value instanceof Table t) {
            return (t.address64() ? "64-bit " : "") + t.elementType() + " table of " + t.size()
                    + (t.maxSize() < 0 ? "" : ", max " + t.maxSize());
        }
        if (value instanceof Tag t) {
            return "tag " + type(t.type());
        }
        return String.valueOf(value);
    }

    /** A function type in the text format's notation: {@code [i32 i32] -> [i64]}. */
    public static String type(FunctionType type) {
        return list(type.params()) + " -> " + list(type.results());
    }

    private static String list(List<ValueType> types) {
        return types.stream().map(ValueType::toString).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String limits(Limits limits) {
        return "min " + limits.min() + (limits.max() < 0 ? "" : " max " + limits.max());
    }
}
