package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of WebAssembly 2.0 that Endive, a 3.0 validator, does not apply: one memory, memory immediates that are
 * a zero byte, alignment flags below 32, constant expressions that read only imported globals, export indices in
 * range and export names unique. Where Endive reports a 3.0 validation error for what 2.0 calls malformed, the error
 * is reclassified here. Each rule that a later feature lifts applies while that feature is off (multi-memory for the
 * memory rules, gc for constant expressions, threads for shared memories); when it is on, the module is judged as
 * 3.0 judges it, and {@link FeatureCheck} says what wasm2jar cannot compile.
 */
final class Wasm2Profile {
    private static final Pattern ALIGNMENT = Pattern.compile("alignment must not be larger than natural alignment \\((\\d+)\\)");

    private Wasm2Profile() {}

    static WasmException reclassify(run.endive.wasm.InvalidException e, FeatureCheck features) {
        String message = String.valueOf(e.getMessage());
        Matcher m = ALIGNMENT.matcher(message);
        if (m.find() && Integer.parseInt(m.group(1)) >= 32 && !features.enabled(Feature.MULTI_MEMORY)) {
            return new MalformedException("malformed memop flags", e);
        }
        if (message.contains("shared memory must have maximum") && !features.enabled(Feature.THREADS)) {
            return new MalformedException("integer too large (shared memories are not in WebAssembly 2.0)", e);
        }
        return new InvalidException(message, e);
    }

    static void check(ModuleModel model, FeatureCheck features) {
        int memories = model.importCount(ExternKind.MEMORY) + model.memories().size();
        if (memories > 1 && !features.enabled(Feature.MULTI_MEMORY)) {
            throw new InvalidException("multiple memories (WebAssembly 2.0 allows one;"
                    + " multi-memory is not enabled)");
        }
        // Endive does not check the global indices of constant expressions. 2.0 lets them read imported globals; 3.0
        // (with the GC proposal) also the defined globals before the one being initialized, and all in segments.
        int importedGlobals = model.importCount(ExternKind.GLOBAL);
        boolean gc = features.enabled(Feature.GC);
        for (ModuleShape.TableType t : model.tables()) {
            checkConstExpr(t.init(), importedGlobals); // tables come before globals
        }
        for (int i = 0; i < model.globals().size(); i++) {
            checkConstExpr(model.globals().get(i).init(), gc ? importedGlobals + i : importedGlobals);
        }
        int readable = gc ? importedGlobals + model.globals().size() : importedGlobals;
        for (ModuleShape.ElementSegment e : model.elements()) {
            checkConstExpr(e.offset(), readable);
            e.items().forEach(item -> checkConstExpr(item, readable));
        }
        for (ModuleShape.DataSegment d : model.data()) {
            checkConstExpr(d.offset(), readable);
        }
        Set<String> names = new HashSet<>();
        for (ModuleShape.Export e : model.exports()) {
            if (!names.add(e.name())) {
                throw new InvalidException("duplicate export name " + e.name());
            }
            int count = switch (e.kind()) {
                case FUNCTION -> model.functionCount();
                case MEMORY -> memories;
                case TABLE -> model.importCount(ExternKind.TABLE) + model.tables().size();
                case GLOBAL -> importedGlobals + model.globals().size();
                case TAG -> model.importCount(ExternKind.TAG) + model.tags().length;
            };
            if (e.index() < 0 || e.index() >= count) {
                throw new InvalidException("unknown " + e.kind() + " " + e.index());
            }
        }
    }

    /**
     * In 2.0 the memory immediate of memory.size, memory.grow and the bulk memory instructions is one zero byte and
     * memory access flags stay below 32; 3.0 (multi-memory) made the byte a LEB128 memory index and flag 64 the mark
     * of one, so Endive accepts {@code 0x80 0x00}. Checked on the raw bytes.
     */
    static void checkReservedBytes(Instruction in, byte[] wasm, FeatureCheck features) {
        // With multi-memory, flags 64 to 127 say a memory index follows and the zero bytes are memory indices, which
        // Endive reads and validates; flags from 128 on are malformed in 3.0 too.
        boolean multiMemory = features.enabled(Feature.MULTI_MEMORY);
        int flagsLimit = multiMemory ? 128 : 32;
        int at = in.offset();
        switch (in.op()) {
            case I32_LOAD, I64_LOAD, F32_LOAD, F64_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S, I32_LOAD16_U,
                    I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S, I64_LOAD32_U, I32_STORE,
                    I64_STORE, F32_STORE, F64_STORE, I32_STORE8, I32_STORE16, I64_STORE8, I64_STORE16, I64_STORE32 -> {
                if (readLeb(wasm, at + 1) >= flagsLimit) {
                    throw new MalformedException("malformed memop flags");
                }
            }
            case V128_LOAD, V128_LOAD8X8_S, V128_LOAD8X8_U, V128_LOAD16X4_S, V128_LOAD16X4_U, V128_LOAD32X2_S,
                    V128_LOAD32X2_U, V128_LOAD8_SPLAT, V128_LOAD16_SPLAT, V128_LOAD32_SPLAT, V128_LOAD64_SPLAT,
                    V128_STORE, V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE,
                    V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE, V128_LOAD32_ZERO,
                    V128_LOAD64_ZERO -> {
                // After the 0xFD prefix and the instruction's LEB128 number.
                if (readLeb(wasm, skipLeb(wasm, at + 1)) >= flagsLimit) {
                    throw new MalformedException("malformed memop flags");
                }
            }
            default -> {
                if (!multiMemory) {
                    requireZeroMemoryIndex(in, wasm, at);
                }
            }
        }
    }

    private static void requireZeroMemoryIndex(Instruction in, byte[] wasm, int at) {
        switch (in.op()) {
            case MEMORY_SIZE, MEMORY_GROW -> requireZero(wasm, at + 1);
            case MEMORY_FILL -> requireZero(wasm, skipLeb(wasm, at + 1));
            case MEMORY_COPY -> {
                int first = skipLeb(wasm, at + 1);
                requireZero(wasm, first);
                requireZero(wasm, first + 1);
            }
            case MEMORY_INIT -> requireZero(wasm, skipLeb(wasm, skipLeb(wasm, at + 1)));
            default -> { }
        }
    }

    private static long readLeb(byte[] wasm, int at) {
        long value = 0;
        for (int shift = 0; at < wasm.length && shift < 35; shift += 7) {
            byte b = wasm[at++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return value;
    }

    private static int skipLeb(byte[] wasm, int at) {
        while (at < wasm.length && (wasm[at] & 0x80) != 0) {
            at++;
        }
        return at + 1;
    }

    private static void requireZero(byte[] wasm, int at) {
        if (at >= wasm.length || wasm[at] != 0) {
            throw new MalformedException("zero byte expected");
        }
    }

    private static void checkConstExpr(ConstExpr expr, int readableGlobals) {
        if (expr == null) {
            return;
        }
        for (int i = 0; i < expr.ops().length; i++) {
            if (expr.ops()[i] == ConstExpr.GLOBAL_GET && expr.args()[i] >= readableGlobals) {
                throw new InvalidException("unknown global " + expr.args()[i]);
            }
        }
    }
}
