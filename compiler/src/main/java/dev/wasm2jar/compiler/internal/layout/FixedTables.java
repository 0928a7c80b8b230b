package dev.wasm2jar.compiler.internal.layout;

import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The tables whose contents the compiler knows: defined by the module, neither imported nor exported (so no host
 * can change them), never written by an instruction (table.set, grow, fill, init, copy into), with no initial value
 * but null and only active element segments of constant offsets and constant items. Such a table holds, in every
 * instance, exactly what its segments put there, so a {@code call_indirect} through it can switch over the index to
 * direct calls that the JIT inlines (RATIONALE.md, "call_indirect through tables that never change").
 *
 * <p>Function translation reports writes ({@link #written}) as it goes; {@link #elements} is asked only once every
 * function is translated, when the module class writes its stubs.
 */
public final class FixedTables {
    /** An element that is not a known function: null, or anything the compiler does not evaluate. */
    public static final int UNKNOWN = -1;
    /** Larger tables are left to the generic stub: a switch over them would not fit one JIT-compiled method. */
    private static final int MAX_SIZE = 1 << 16;

    private final ModuleModel model;
    private final BitSet written = new BitSet();

    FixedTables(ModuleModel model) {
        this.model = model;
    }

    /** Records that an instruction writes table {@code table}. Called from translation threads. */
    public synchronized void written(int table) {
        written.set(table);
    }

    /**
     * The function index of each element of table {@code table} after instantiation ({@link #UNKNOWN} where null), or
     * null when the table may hold anything else.
     */
    public synchronized int[] elements(int table) {
        int imported = model.importCount(ExternKind.TABLE);
        if (table < imported || written.get(table) || exported(table)) {
            return null;
        }
        ModuleShape.TableType type = model.tables().get(table - imported);
        if (type.init() != null && !isNull(type.init())) {
            return null;
        }
        if (type.limits().min() > MAX_SIZE) {
            return null;
        }
        int[] elements = new int[(int) type.limits().min()];
        Arrays.fill(elements, UNKNOWN);
        for (ModuleShape.ElementSegment segment : model.elements()) {
            if (segment.mode() != ModuleShape.SegmentMode.ACTIVE || segment.table() != table) {
                continue;
            }
            long offset = constantOffset(segment.offset());
            if (offset < 0 || offset + segment.items().size() > elements.length) {
                return null; // instantiation traps, or the offset is not a constant
            }
            for (int i = 0; i < segment.items().size(); i++) {
                ConstExpr item = segment.items().get(i);
                if (item.ops().length == 1 && item.ops()[0] == ConstExpr.REF_FUNC) {
                    elements[(int) offset + i] = (int) item.args()[0];
                } else if (isNull(item)) {
                    elements[(int) offset + i] = UNKNOWN;
                } else {
                    return null;
                }
            }
        }
        return elements;
    }

    private boolean exported(int table) {
        return model.exports().stream().anyMatch(e -> e.kind() == ExternKind.TABLE && e.index() == table);
    }

    private static boolean isNull(ConstExpr e) {
        return e.ops().length == 1 && e.ops()[0] == ConstExpr.REF_NULL;
    }

    /** An {@code i32.const} offset as an unsigned value, or -1 for any other expression. */
    private static long constantOffset(ConstExpr e) {
        if (e.ops().length == 1 && e.ops()[0] == ConstExpr.I32_CONST) {
            return Integer.toUnsignedLong((int) e.args()[0]);
        }
        return -1;
    }
}
