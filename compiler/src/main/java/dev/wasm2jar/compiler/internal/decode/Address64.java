package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/**
 * memory64 for Endive, which decodes memories and tables of 32-bit addresses only, and their limits and static offsets
 * as u32. The decoder gives it a lowered copy of the module instead: every 64-bit memory and table declared as a
 * 32-bit one (limits clamped to what Endive accepts), the offsets of segments into them {@code i32.const 0}, static
 * offsets of accesses to them 0, and every instruction that takes one of their addresses, indices or sizes wrapped in
 * conversions ({@code i32.wrap_i64} before, {@code i64.extend_i32_u} after, operands under the top parked in scratch
 * locals added to the body), so that Endive validates exactly the typing memory64 asks for. The decoder then reads the
 * module back through {@link Lowered}: the true limits, offsets and segment offsets, each kept instruction's offset in
 * the module, and which instructions and locals were added, to drop them.
 *
 * <p>A module with no 64-bit memory or table is lowered only after Endive refused it, for the u64 encodings that 3.0
 * allows for 32-bit ones too: static offsets and limits in more than 5 bytes (and those out of range, which are
 * invalid, not malformed). Nothing of this runs for other modules. {@link Address64Pass} walks the sections,
 * {@link Address64Body} lowers each body; a module with 64-bit memories is decoded whole, never in windows
 * ({@link BodyWindows}).
 */
final class Address64 {
    /**
     * The lowered module and how to read it back.
     *
     * @param wasm what Endive decodes
     * @param original per instruction Endive will find in the copy's code, its offset in the module; instructions
     *     the lowering added are absent
     * @param offsets per access to a 64-bit memory (by its offset in the copy), its true static offset
     * @param addedLocals per defined function, how many scratch locals its body got at the end
     * @param memories the limits of every memory, imported ones first
     * @param tables the limits of every table, imported ones first
     * @param dataOffsets per active data segment into a 64-bit memory, its offset expression
     * @param elementOffsets per active element segment into a 64-bit table, its offset expression
     */
    record Lowered(byte[] wasm, Map<Integer, Integer> original, Map<Integer, Long> offsets, int[] addedLocals,
            List<ModuleShape.Limits> memories, List<ModuleShape.Limits> tables, Map<Integer, ConstExpr> dataOffsets,
            Map<Integer, ConstExpr> elementOffsets) {

        /** The offset in the module of the instruction Endive decoded at {@code copyOffset}; -1 when it was added. */
        int originalOffset(int copyOffset) {
            Integer at = original.get(copyOffset);
            return at == null ? -1 : at;
        }
    }

    private Address64() {}

    /**
     * The module lowered, when it declares a 64-bit memory or table; else null, and null too when it is too broken to
     * lower in a way of its own (Endive then says what is wrong).
     *
     * @throws InvalidException for a limit or static offset out of range
     * @throws MalformedException for an integer or a section that the binary format does not allow
     */
    static Lowered lowerIfNeeded(byte[] wasm) {
        if (BinaryPrescan.sixtyFourBitLimits(wasm) == null) {
            return null;
        }
        try {
            return lower(wasm);
        } catch (InvalidException | MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The module lowered, or null when that changes nothing (so it was not a u64 encoding that Endive refused).
     *
     * @throws InvalidException for a limit or static offset out of range
     */
    static Lowered lowerAfterRefusal(byte[] wasm) {
        Lowered lowered;
        try {
            lowered = lower(wasm);
        } catch (InvalidException e) {
            throw e;
        } catch (RuntimeException e) {
            return null; // malformed otherwise: Endive's error stands
        }
        return Arrays.equals(lowered.wasm, wasm) ? null : lowered;
    }

    private static Lowered lower(byte[] wasm) {
        Address64Pass module = new Address64Pass(wasm, null);
        byte[] declared = module.rewrite(false);
        module.parameters = parameterCounts(declared);
        module.codeDelta = Address64Pass.codeStart(declared) - Address64Pass.codeStart(wasm);
        Address64Pass code = new Address64Pass(declared, module);
        byte[] lowered = code.rewrite(true);
        return new Lowered(lowered, code.original, code.offsets, code.addedLocals(), module.memories,
                module.tables, module.dataOffsets, module.elementOffsets);
    }

    /**
     * The offsets of segments into 64-bit memories and tables, which Endive saw as {@code i32.const 0}: constant
     * expressions of type i64 over the {@code globals}.
     */
    static void checkOffsets(Lowered lowered, List<ValueType> globals) {
        for (ConstExpr e : lowered.dataOffsets().values()) {
            checkI64(e, globals);
        }
        for (ConstExpr e : lowered.elementOffsets().values()) {
            checkI64(e, globals);
        }
    }

    private static void checkI64(ConstExpr e, List<ValueType> globals) {
        java.util.ArrayDeque<ValueType> stack = new java.util.ArrayDeque<>();
        for (int i = 0; i < e.ops().length; i++) {
            switch (e.ops()[i]) {
                case ConstExpr.I32_CONST -> stack.push(ValueType.I32);
                case ConstExpr.I64_CONST -> stack.push(ValueType.I64);
                case ConstExpr.GLOBAL_GET -> {
                    long index = e.args()[i];
                    if (index < 0 || index >= globals.size()) {
                        throw new InvalidException("unknown global " + index);
                    }
                    stack.push(globals.get((int) index));
                }
                default -> {
                    ValueType t = switch (e.ops()[i]) {
                        case ConstExpr.I32_ADD, ConstExpr.I32_SUB, ConstExpr.I32_MUL -> ValueType.I32;
                        default -> ValueType.I64;
                    };
                    if (stack.size() < 2 || stack.pop() != t || stack.pop() != t) {
                        throw new InvalidException("type mismatch in a segment's offset");
                    }
                    stack.push(t);
                }
            }
        }
        if (stack.size() != 1 || stack.peek() != ValueType.I64) {
            throw new InvalidException("type mismatch: a segment's offset into a 64-bit memory or table is an i64");
        }
    }

    /** The parameter count of every defined function, from Endive's reading of the module with stub bodies. */
    private static int[] parameterCounts(byte[] declared) {
        Sections sections = Sections.read(declared);
        byte[] stubbed = sections.codeStart < 0 ? declared : sections.withBodies(i -> Sections.STUB);
        WasmModule m = Parser.builder().withValidation(false).build()
                .parse(() -> new java.io.ByteArrayInputStream(stubbed));
        int[] counts = new int[m.functionSection().functionCount()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = m.typeSection().getType(m.functionSection().getFunctionType(i)).params().size();
        }
        return counts;
    }
}
