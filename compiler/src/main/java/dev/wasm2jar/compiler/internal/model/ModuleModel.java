package dev.wasm2jar.compiler.internal.model;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A decoded and validated module, in the compiler's own terms. The parts the runtime needs too are the records of
 * {@link ModuleShape}; function bodies come from {@code bodies} on demand, so a large module need not hold all its
 * code in our form at once. {@code tags} gives the type index of each defined exception tag; {@code bodySizes} each
 * defined function's code size in bytes; {@code tailCalling} which defined functions make tail calls (their entries
 * catch what such calls unwind: RATIONALE.md, "Tail calls").
 * {@code definitions} describes the type section of a module with GC types (struct and array types, subtyping,
 * recursion groups), null for any other; there, {@code types} holds a function type's signature and, for a struct or
 * array type, an empty one that nothing calls.
 */
public record ModuleModel(
        List<FunctionType> types,
        List<ModuleShape.Import> imports,
        int[] functionTypes,
        String[] functionNames,
        List<ModuleShape.TableType> tables,
        List<ModuleShape.Limits> memories,
        List<ModuleShape.GlobalType> globals,
        List<ModuleShape.Export> exports,
        List<ModuleShape.ElementSegment> elements,
        List<ModuleShape.DataSegment> data,
        int start,
        int[] tags,
        int[] bodySizes,
        java.util.BitSet tailCalling,
        IntFunction<FunctionBody> bodies,
        TypeDefinitions definitions) {

    public int importCount(ExternKind kind) {
        return (int) imports.stream().filter(i -> i.kind() == kind).count();
    }

    /** The type of tag {@code index}, imported or defined: its parameters are what its exceptions carry. */
    public FunctionType tagType(int index) {
        int imported = 0;
        for (ModuleShape.Import im : imports) {
            if (im.kind() == ExternKind.TAG) {
                if (imported++ == index) {
                    return types.get(im.typeIndex());
                }
            }
        }
        return types.get(tags[index - imported]);
    }

    public int functionCount() {
        return functionTypes.length;
    }

    /** Whether the module defines GC types ({@link #definitions()}). */
    public boolean hasGcTypes() {
        return definitions != null;
    }

    public FunctionType functionType(int index) {
        return types.get(functionTypes[index]);
    }

    /** The types of all globals, imported ones first. */
    public List<ValueType> globalTypes() {
        var out = new java.util.ArrayList<ValueType>();
        imports.stream().filter(i -> i.kind() == ExternKind.GLOBAL).forEach(i -> out.add(i.valueType()));
        globals.forEach(g -> out.add(g.type()));
        return out;
    }

    /** Whether global {@code index} crosses the module boundary (imported or exported), so lives in a Global object. */
    public boolean isSharedGlobal(int index) {
        if (index < importCount(ExternKind.GLOBAL)) {
            return true;
        }
        return exports.stream().anyMatch(e -> e.kind() == ExternKind.GLOBAL && e.index() == index);
    }
}
