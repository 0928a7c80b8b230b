package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * Where {@code v128} values live while a function runs: in JVM locals, four slots per vector, never on the JVM
 * operand stack (a JVM method cannot return two longs, so a vector on the operand stack could not pass through a
 * helper). Each wasm stack position that ever holds a vector has its own four slots, and so has each {@code v128}
 * local; an instruction reads its operands' slots and writes its result into the slots of the position where its
 * first operand was. HotSpot turns the locals into registers, so this costs nothing once compiled.
 *
 * <p>A vector is kept in the {@link Shape} its producer or its consumers want (four floats for f32x4 arithmetic, two
 * longs for byte lanes) and converted only when an instruction needs another. {@code local.get} copies nothing: the
 * stack entry reads the local's slots until the local is written or control flow needs the value in place
 * ({@link #materializeAll}). Where control flow merges — branches, block ends, calls — vectors are in the canonical
 * shape {@link Shape#L2} in their own position's slots, so every path agrees.
 */
final class Vectors {
    private final EmitContext ctx;
    private final MethodVisitor mv;
    private final ValueStack stack;
    private final List<Integer> positionBases = new ArrayList<>();
    private final int[] localBases;
    private final Shape[] localShapes;
    private final ShapePlan plan;

    Vectors(EmitContext ctx, List<ValueType> localTypes, ShapePlan plan) {
        this.ctx = ctx;
        this.mv = ctx.mv;
        this.stack = ctx.stack;
        this.plan = plan;
        localBases = new int[localTypes.size()];
        localShapes = new Shape[localTypes.size()];
        for (int i = 0; i < localBases.length; i++) {
            if (localTypes.get(i) == ValueType.V128) {
                localBases[i] = ctx.slots.allocate(4);
                localShapes[i] = plan.localShape(i);
            } else {
                localBases[i] = -1;
            }
        }
    }

    // ---- locals --------------------------------------------------------------------------------------------------

    /** At function entry: the parameter's {@code V128} (in JVM slot {@code slot}) into the local's slots. */
    void initParameter(int local, int slot) {
        mv.visitVarInsn(ALOAD, slot);
        unboxInto(localBases[local], localShapes[local]);
    }

    /** At function entry: a declared local starts as zero. */
    void initLocal(int local) {
        Shape s = localShapes[local];
        for (int k = 0; k < s.elements(); k++) {
            pushZero(s);
            mv.visitVarInsn(s.storeOpcode(), s.slot(localBases[local], k));
        }
    }

    /** Pushes local {@code local}'s value as two longs, low half first (for the frame of a split function). */
    void pushLocalHalves(int local) {
        pushHalves(localBases[local], localShapes[local]);
    }

    /** Pops two longs (high half on top) into local {@code local}. No stack position may alias it. */
    void storeLocalHalves(int local) {
        storeHalves(localBases[local], localShapes[local]);
    }

    void get(int local) {
        stack.pushVector(localShapes[local], local, -1);
    }

    void set(int local) {
        store(local);
        stack.pop();
    }

    /** {@code local.tee}: the value stays on the stack, reading the local from now on. */
    void tee(int local) {
        store(local);
        stack.setVector(stack.size() - 1, localShapes[local], local);
    }

    /** The shape the plan wants the current instruction's result in, or {@code natural} when it has no wish. */
    Shape resultShape(Shape natural) {
        Shape planned = plan.producerShape(ctx.cursor.position());
        return planned == null ? natural : planned;
    }

    private void store(int local) {
        int top = stack.size() - 1;
        if (stack.alias(top) == local) {
            return;
        }
        materializeAliases(local);
        int node = node(top);
        if (node >= 0) {
            plan.link(plan.localNode(local), node);
        } else {
            plan.vote(plan.localNode(local), stack.shape(top), ctx.cursor.loopDepth());
        }
        convert(source(top), stack.shape(top), localBases[local], localShapes[local]);
    }

    private void materializeAliases(int local) {
        for (int p = 0; p < stack.size(); p++) {
            if (stack.type(p) == ValueType.V128 && stack.alias(p) == local) {
                own(p, stack.shape(p));
            }
        }
    }

    /** Gives every vector on the stack its own slots: before entering a block, whose code may write any local. */
    void materializeAll() {
        for (int p = 0; p < stack.size(); p++) {
            if (stack.type(p) == ValueType.V128 && stack.alias(p) >= 0) {
                own(p, stack.shape(p));
            }
        }
    }

    // ---- reading and writing positions ---------------------------------------------------------------------------

    /** The first slot of position {@code p}'s own four. */
    int base(int p) {
        while (positionBases.size() <= p) {
            positionBases.add(-1);
        }
        int base = positionBases.get(p);
        if (base < 0) {
            base = ctx.slots.allocate(4);
            positionBases.set(p, base);
        }
        return base;
    }

    /** Where position {@code p}'s value can be read now: its own slots, or those of the local it aliases. */
    int source(int p) {
        int alias = stack.alias(p);
        return alias >= 0 ? localBases[alias] : base(p);
    }

    /** The plan's node for the value at position {@code p}. */
    private int node(int p) {
        return plan.node(stack.alias(p), stack.producer(p));
    }

    /**
     * The first slot from which position {@code p} reads in {@code shape}, converting it in place when needed, for an
     * instruction that wants this shape.
     */
    int read(int p, Shape shape) {
        plan.vote(node(p), shape, ctx.cursor.loopDepth());
        return readAs(p, shape);
    }

    /**
     * Like {@link #read}, for an instruction that works in any shape and whose result should therefore share the
     * operand's shape ({@link ShapePlan#link}).
     */
    int readAny(int p, Shape shape) {
        link(p);
        return readAs(p, shape);
    }

    /** Records that positions {@code a} and {@code b} should share a shape (the operands of a select). */
    void linkOperands(int a, int b) {
        plan.link(node(a), node(b));
    }

    /** Records that position {@code p} and the current instruction's result should share a shape. */
    void link(int p) {
        plan.link(node(p), plan.producerNode(ctx.cursor.position()));
    }

    private int readAs(int p, Shape shape) {
        if (stack.shape(p) == shape) {
            return source(p);
        }
        own(p, shape);
        return base(p);
    }

    /** Makes position {@code p} hold its value in its own slots in {@code shape}, so it can be updated in place. */
    void own(int p, Shape shape) {
        if (stack.alias(p) < 0 && stack.shape(p) == shape) {
            return;
        }
        convert(source(p), stack.shape(p), base(p), shape);
        stack.setVector(p, shape, -1);
    }

    /** Position {@code p} in canonical form, in place. */
    void canonicalize(int p) {
        own(p, Shape.L2);
    }

    /** Copies position {@code from}, canonical, into the slots of position {@code to} (for branches). */
    void move(int from, int to) {
        convert(source(from), stack.shape(from), base(to), Shape.L2);
    }

    /** Copies position {@code from} into the own slots of position {@code to} in {@code shape}. */
    void copy(int from, int to, Shape shape) {
        convert(source(from), stack.shape(from), base(to), shape);
    }

    /**
     * Pushes the current instruction's result, made in its own slots in {@code shape}, its natural shape, and converts
     * it there to the shape its readers want if that is another ({@link ShapePlan}).
     */
    void result(Shape shape) {
        plan.vote(plan.producerNode(ctx.cursor.position()), shape, ctx.cursor.loopDepth());
        flexibleResult(shape);
    }

    /** Like {@link #result}, for an instruction that makes every shape equally well (a load, a constant). */
    void flexibleResult(Shape shape) {
        stack.pushVector(shape, -1, ctx.cursor.position());
        own(stack.size() - 1, resultShape(shape));
    }

    void loadElement(int base, Shape s, int k) {
        mv.visitVarInsn(s.loadOpcode(), s.slot(base, k));
    }

    void storeElement(int base, Shape s, int k) {
        mv.visitVarInsn(s.storeOpcode(), s.slot(base, k));
    }

    // ---- boxing at method boundaries -----------------------------------------------------------------------------

    /** Pushes position {@code p} as a {@code V128} object. */
    void box(int p) {
        pushHalves(source(p), stack.shape(p));
        Builtin.V128_BOX.invoke(mv);
    }

    /** Pops a {@code V128} object into the own slots of position {@code p}, canonical. */
    void unbox(int p) {
        unboxInto(base(p), Shape.L2);
        stack.setVector(p, Shape.L2, -1);
    }

    private void unboxInto(int base, Shape shape) {
        mv.visitInsn(DUP);
        Builtin.V128_LO.invoke(mv);
        mv.visitInsn(DUP2_X1); // [ref lo] -> [lo ref]
        mv.visitInsn(POP2);
        Builtin.V128_HI.invoke(mv);
        storeHalves(base, shape);
    }

    // ---- conversions ---------------------------------------------------------------------------------------------

    /** Copies a vector from slots {@code from} in {@code fs} to slots {@code to} in {@code ts}; both may coincide. */
    void convert(int from, Shape fs, int to, Shape ts) {
        if (fs == ts) {
            if (from != to) {
                for (int k = 0; k < fs.elements(); k++) {
                    loadElement(from, fs, k);
                    storeElement(to, ts, k);
                }
            }
            return;
        }
        if (fs.elements() == ts.elements()) {
            // I4 <-> F4 and L2 <-> D2: element by element, the same bits.
            for (int k = 0; k < fs.elements(); k++) {
                loadElement(from, fs, k);
                rawBits(fs, ts);
                storeElement(to, ts, k);
            }
            return;
        }
        pushHalves(from, fs);
        storeHalves(to, ts);
    }

    private void rawBits(Shape fs, Shape ts) {
        switch (ts) {
            case I4 -> Builtin.FLOAT_TO_RAW_BITS.invoke(mv);
            case F4 -> Builtin.FLOAT_FROM_BITS.invoke(mv);
            case L2 -> Builtin.DOUBLE_TO_RAW_BITS.invoke(mv);
            case D2 -> Builtin.DOUBLE_FROM_BITS.invoke(mv);
        }
    }

    /** Pushes the vector in slots {@code base} as two longs, low half first. */
    void pushHalves(int base, Shape s) {
        for (int half = 0; half < 2; half++) {
            switch (s) {
                case L2 -> loadElement(base, s, half);
                case D2 -> {
                    loadElement(base, s, half);
                    rawBits(Shape.D2, Shape.L2);
                }
                case I4 -> {
                    loadElement(base, s, 2 * half);
                    loadElement(base, s, 2 * half + 1);
                    Builtin.V128_PACK.invoke(mv);
                }
                case F4 -> {
                    loadElement(base, s, 2 * half);
                    loadElement(base, s, 2 * half + 1);
                    Builtin.V128_PACK_FLOATS.invoke(mv);
                }
            }
        }
    }

    /** Pops two longs (the high half on top) into slots {@code base} in shape {@code s}. */
    void storeHalves(int base, Shape s) {
        switch (s) {
            case L2 -> {
                storeElement(base, s, 1);
                storeElement(base, s, 0);
            }
            case D2 -> {
                rawBits(Shape.L2, Shape.D2);
                storeElement(base, s, 1);
                rawBits(Shape.L2, Shape.D2);
                storeElement(base, s, 0);
            }
            case I4, F4 -> {
                for (int half = 1; half >= 0; half--) {
                    mv.visitInsn(DUP2);
                    mv.visitInsn(L2I);
                    if (s == Shape.F4) {
                        rawBits(Shape.I4, Shape.F4);
                    }
                    storeElement(base, s, 2 * half);
                    mv.visitIntInsn(BIPUSH, 32);
                    mv.visitInsn(LUSHR);
                    mv.visitInsn(L2I);
                    if (s == Shape.F4) {
                        rawBits(Shape.I4, Shape.F4);
                    }
                    storeElement(base, s, 2 * half + 1);
                }
            }
        }
    }

    void pushZero(Shape s) {
        mv.visitInsn(switch (s) {
            case L2 -> LCONST_0;
            case I4 -> ICONST_0;
            case F4 -> FCONST_0;
            case D2 -> DCONST_0;
        });
    }
}
