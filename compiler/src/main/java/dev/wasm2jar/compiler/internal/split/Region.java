package dev.wasm2jar.compiler.internal.split;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A run of a function's instructions, {@code [start, end)}, that compiles to a JVM method of its own: either the whole
 * body (the function's method) or a part outlined from it. A part's run lies within one block body and is balanced
 * (whole blocks only), so it enters and leaves at one nesting level, except a group of a switch's cases
 * ({@link #closes}); values it pops from below its start come in
 * through the frame ({@link #consumed}), and so do the values it leaves, its branches out and its returns.
 */
public final class Region {
    public final int start;
    public final int end;
    /** How many operands below its start the run pops. */
    public final int consumed;
    /**
     * For a group of a switch's cases (see {@link Splitter}), how many blocks begun before the run end inside it;
     * control enters the run at its start or just after any of those ends but the last. 0 for any other run.
     */
    public final int closes;
    /** Parts outlined from this region, in order, not overlapping. */
    public final List<Region> children = new ArrayList<>();
    /** Locals read or written by this region's own instructions (not its children's). */
    public final BitSet directUses = new BitSet();
    /** Locals written by this region's own instructions. */
    public final BitSet directWrites = new BitSet();
    /** Locals read or written anywhere in the run, children included. */
    public final BitSet uses = new BitSet();
    /** Locals written anywhere in the run, children included. */
    public final BitSet writes = new BitSet();
    /**
     * Locals this method keeps in the frame instead of JVM locals: in a method that calls a switch's case groups,
     * those its parts use, so that a dispatch moves none of them between the method and the frame; in a group of
     * cases, those it uses outside its loops, so that entering it to run one case moves none either.
     */
    public final BitSet resident = new BitSet();
    /** The JVM method's name; set by the layout. */
    public String method;

    public Region(int start, int end, int consumed) {
        this(start, end, consumed, 0);
    }

    public Region(int start, int end, int consumed, int closes) {
        this.start = start;
        this.end = end;
        this.consumed = consumed;
        this.closes = closes;
    }

    /** The whole body of a function that needs no splitting. */
    public static Region whole(int instructionCount) {
        return new Region(0, instructionCount, 0);
    }

    /** This region and every part below it, depth first. */
    public List<Region> all() {
        List<Region> out = new ArrayList<>();
        collect(out);
        return out;
    }

    private void collect(List<Region> out) {
        out.add(this);
        children.forEach(c -> c.collect(out));
    }

    /** The child that starts at instruction {@code index}, or null. */
    public Region childAt(int index) {
        for (Region c : children) {
            if (c.start == index) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Region[" + start + ", " + end + ") consumed " + consumed + ", " + children.size() + " parts";
    }
}
