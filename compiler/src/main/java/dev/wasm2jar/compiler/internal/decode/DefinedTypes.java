package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.HeapType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.GcType;
import java.util.ArrayList;
import java.util.List;
import run.endive.wasm.types.CompType;
import run.endive.wasm.types.FieldType;
import run.endive.wasm.types.MutabilityType;
import run.endive.wasm.types.PackedType;
import run.endive.wasm.types.SubType;
import run.endive.wasm.types.TypeSection;

/** Reads a type section with the GC proposal's types (recursion groups, subtypes, structs, arrays). */
final class DefinedTypes {
    /**
     * The deepest chain of declared supertypes accepted, as wasmparser and V8 limit it: each type's class extends its
     * supertype's, and its canonical type keeps the whole chain ({@code GcType}), so depth costs memory squared.
     */
    static final int MAX_SUBTYPING_DEPTH = 63;

    private DefinedTypes() {}

    /** The module's types; tells {@code check} what each index defines, so that references to it are typed. */
    static TypeDefinitions read(TypeSection section, FeatureCheck check) {
        int count = section.subTypeCount();
        HeapType.Kind[] kinds = new HeapType.Kind[count];
        for (int i = 0; i < count; i++) {
            CompType comp = section.getSubType(i).compType();
            kinds[i] = comp.structType() != null ? HeapType.Kind.STRUCT
                    : comp.arrayType() != null ? HeapType.Kind.ARRAY : HeapType.Kind.FUNC;
        }
        check.definitions(kinds);
        List<TypeDefinitions.Definition> types = new ArrayList<>(count);
        int[] depth = new int[count];
        for (int i = 0; i < count; i++) {
            SubType sub = section.getSubType(i);
            CompType comp = sub.compType();
            int supertype = sub.typeIdx().length == 0 ? -1 : sub.typeIdx()[0];
            if (supertype >= i) {
                throw new InvalidException("type " + i + " declares type " + supertype + " as its supertype, which"
                        + " does not come before it");
            }
            depth[i] = supertype < 0 ? 0 : depth[supertype] + 1;
            if (depth[i] > MAX_SUBTYPING_DEPTH) {
                throw new InvalidException("sub type hierarchy too deep: type " + i + " has more than "
                        + MAX_SUBTYPING_DEPTH + " supertypes");
            }
            FunctionType function = null;
            List<TypeDefinitions.Field> fields = new ArrayList<>();
            if (kinds[i] == HeapType.Kind.FUNC) {
                FunctionType raw = EndiveTypes.functionType(comp.funcType());
                function = FunctionType.of(raw.params().stream().map(check::typed).toList(),
                        raw.results().stream().map(check::typed).toList());
            } else if (kinds[i] == HeapType.Kind.STRUCT) {
                for (FieldType f : comp.structType().fieldTypes()) {
                    fields.add(field(f, check));
                }
            } else {
                fields.add(field(comp.arrayType().fieldType(), check));
            }
            types.add(new TypeDefinitions.Definition(kinds[i], function, fields, supertype, sub.isFinal()));
        }
        int[] groups = new int[section.typeCount()];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = section.getRecType(g).subTypes().length;
        }
        return new TypeDefinitions(types, groups);
    }

    private static TypeDefinitions.Field field(FieldType f, FeatureCheck check) {
        boolean mutable = f.mut() == MutabilityType.Var;
        PackedType packed = f.storageType().packedType();
        if (packed != null) {
            return new TypeDefinitions.Field(ValueType.I32, packed == PackedType.I8 ? GcType.I8 : GcType.I16, mutable);
        }
        // A v128 field is declared (toolchains declare such types without using them); the instructions that would
        // read or write one are refused (GcEmitter).
        return new TypeDefinitions.Field(check.typed(EndiveTypes.valueType(f.storageType().valType())), 0, mutable);
    }
}
