package dev.wasm2jar.cli.spectest;

import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.WasmFunction;

/**
 * The {@code spectest} module that the test scripts import from, as the reference interpreter defines it: print
 * functions that print nothing here, four immutable globals of 666, a funcref table of 10 (max 20), the same of 64-bit
 * indices ({@code table64}, memory64) and a memory of 1 page (max 2).
 */
public final class SpectestHost {
    public static final String MODULE = "spectest";

    private SpectestHost() {}

    /** New imports holding a fresh {@code spectest} module; each script gets its own. */
    public static Imports imports() {
        Imports imports = Imports.empty();
        print(imports, "print", "");
        print(imports, "print_i32", "i");
        print(imports, "print_i64", "l");
        print(imports, "print_f32", "f");
        print(imports, "print_f64", "d");
        print(imports, "print_i32_f32", "if");
        print(imports, "print_f64_f64", "dd");
        imports.add(MODULE, "global_i32", new Global(ValueType.I32, false, 666));
        imports.add(MODULE, "global_i64", new Global(ValueType.I64, false, 666L));
        imports.add(MODULE, "global_f32", new Global(ValueType.F32, false, 666.6f));
        imports.add(MODULE, "global_f64", new Global(ValueType.F64, false, 666.6));
        imports.add(MODULE, "table", new Table(ValueType.FUNCREF, 10, 20, null));
        imports.add(MODULE, "table64", new Table(ValueType.FUNCREF, 10, 20, null, true));
        imports.add(MODULE, "memory", new Memory(1, 2));
        return imports;
    }

    private static void print(Imports imports, String name, String params) {
        FunctionType type = FunctionType.parse(params + ":");
        imports.add(MODULE, name, WasmFunction.host(type, MODULE + "." + name, args -> new Object[0]));
    }
}
