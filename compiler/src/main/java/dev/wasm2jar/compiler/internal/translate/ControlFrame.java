package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.Label;

/**
 * One entry of the control stack: a block, loop, if, try_table, or the function body itself ({@code kind} null). In a
 * part of a split function, the constructs around the part are on the stack too, as {@code outside} frames: a branch
 * to one of them leaves the part's method.
 */
final class ControlFrame {
    final Op kind;
    final FunctionType type;
    /** Position in the function's control stack: 0 for the function body, 1 for a block directly inside it ... */
    final int index;
    /** The operand stack height below the block's parameters. */
    final int height;
    /** Where a branch to this frame goes: the loop's start, or the end of anything else. */
    final Label target;
    final Label end;
    /** For an if: where its false path starts. */
    final Label elseLabel;
    /** Entered in unreachable code: nothing inside is emitted. */
    final boolean dead;
    /** A construct around the part being translated, in another method. */
    final boolean outside;
    boolean unreachable;
    boolean sawElse;
    /** For a loop with a counter ({@link LoopCounters}): the counter's JVM local and the counted loop's head. */
    int counter = -1;
    Label counted;
    /** For a try_table with catch clauses: its instruction and where its handlers are ({@link TryTables}). */
    TryTables.Handlers handlers;

    ControlFrame(Op kind, FunctionType type, int index, int height, boolean dead, boolean outside) {
        this.kind = kind;
        this.type = type;
        this.index = index;
        this.height = height;
        this.dead = dead;
        this.outside = outside;
        this.end = new Label();
        this.target = kind == Op.LOOP ? new Label() : end;
        this.elseLabel = kind == Op.IF ? new Label() : null;
        this.unreachable = dead;
    }

    /** The same construct as seen from a part inside it. */
    ControlFrame asOutside() {
        ControlFrame outside = new ControlFrame(kind, type, index, 0, false, true);
        outside.handlers = handlers; // a part inside a try_table's range hands what it throws back (PartBoundary)
        return outside;
    }

    /** The values a branch to this frame carries: a loop's parameters, anything else's results. */
    List<ValueType> branchTypes() {
        return kind == Op.LOOP ? type.params() : type.results();
    }
}
