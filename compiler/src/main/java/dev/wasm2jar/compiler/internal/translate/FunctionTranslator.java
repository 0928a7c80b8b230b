package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.classfile.JvmTypes;
import dev.wasm2jar.compiler.internal.classfile.ModuleLayout;
import dev.wasm2jar.compiler.internal.model.BlockTypes;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.TrapOps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Translates one wasm function body into the body of one static JVM method {@code (params..., instance)}.
 *
 * <p>Wasm's operand stack maps onto the JVM's: a wasm value is a JVM value, so straight-line code translates
 * instruction by instruction. Structured control flow maps onto labels; a branch that leaves values below the ones
 * it carries drops them through temporaries. Code after an unconditional branch is skipped, which also spares the
 * JVM verifier wasm's polymorphic stack. Locals are JVM locals; the memory's byte array lives in a local too,
 * reloaded after anything that may grow it (calls and {@code memory.grow}). Vectors ({@code v128}) are the exception
 * to "a wasm value is a JVM value": they live in locals, see {@link Vectors}.
 */
public final class FunctionTranslator {
    final MethodVisitor mv;
    final ModuleLayout layout;
    final ValueStack stack = new ValueStack();
    private final int functionIndex;
    private final FunctionType type;
    private final FunctionBody body;
    private final Deque<ControlFrame> control = new ArrayDeque<>();
    private final int[] localSlots;
    private final List<ValueType> localTypes = new ArrayList<>();
    private final int selfSlot;
    private final int memorySlot;
    private int nextSlot;
    private final NumericEmitter numeric;
    private final MemoryEmitter memory;
    private final TableEmitter table;
    final Vectors vectors;
    private final SimdEmitter simd;
    private final Map<Integer, Integer> scratch = new HashMap<>();
    private Instruction current;
    private int currentIndex;
    private int memoryAccesses;
    private boolean skipNext;

    /**
     * Translates function {@code functionIndex} into {@code mv}. A function that uses vectors is translated
     * twice, the first time into nothing, to choose the shapes of its vectors ({@link ShapePlan}).
     */
    public static void translate(MethodVisitor mv, ModuleLayout layout, int functionIndex, FunctionBody body) {
        FunctionType type = layout.model().functionType(functionIndex);
        int locals = type.params().size() + body.locals().size();
        ShapePlan plan = ShapePlan.canonical();
        if (type.params().contains(ValueType.V128) || body.locals().contains(ValueType.V128)
                || body.instructions().stream().anyMatch(in -> in.op().compareTo(Op.V128_LOAD) >= 0)) {
            ShapePlan survey = ShapePlan.survey(locals);
            new FunctionTranslator(new MethodVisitor(ASM9) {}, layout, functionIndex, body, survey).translate();
            plan = survey.decide();
        }
        new FunctionTranslator(mv, layout, functionIndex, body, plan).translate();
    }

    private FunctionTranslator(MethodVisitor mv, ModuleLayout layout, int functionIndex, FunctionBody body,
            ShapePlan plan) {
        this.mv = mv;
        this.layout = layout;
        this.functionIndex = functionIndex;
        this.type = layout.model().functionType(functionIndex);
        this.body = body;
        localTypes.addAll(type.params());
        localTypes.addAll(body.locals());
        localSlots = new int[localTypes.size()];
        int slot = 0;
        for (int i = 0; i < type.params().size(); i++) {
            localSlots[i] = slot;
            slot += JvmTypes.size(localTypes.get(i));
        }
        selfSlot = slot++;
        for (int i = type.params().size(); i < localTypes.size(); i++) {
            localSlots[i] = slot;
            slot += JvmTypes.size(localTypes.get(i));
        }
        memorySlot = layout.hasMemory() ? slot++ : -1;
        nextSlot = slot;
        numeric = new NumericEmitter(this);
        memory = new MemoryEmitter(this);
        table = new TableEmitter(this);
        vectors = new Vectors(this, localTypes, plan);
        simd = new SimdEmitter(this, vectors);
    }

    private void translate() {
        mv.visitCode();
        for (int i = 0; i < type.params().size(); i++) {
            if (localTypes.get(i) == ValueType.V128) {
                vectors.initParameter(i, localSlots[i]);
            }
        }
        for (int i = type.params().size(); i < localTypes.size(); i++) {
            if (localTypes.get(i) == ValueType.V128) {
                vectors.initLocal(i);
            } else {
                pushZero(localTypes.get(i));
                mv.visitVarInsn(JvmTypes.store(localTypes.get(i)), localSlots[i]);
            }
        }
        reloadMemory();
        control.push(new ControlFrame(null, type, 0, false));
        for (Instruction in : body.instructions()) {
            current = in;
            currentIndex++;
            memoryAccesses += memoryAccesses(in.op());
            if (skipNext) {
                skipNext = false;
                continue;
            }
            try {
                translate(in);
            } catch (InvalidException | UnsupportedOperationException | IndexOutOfBoundsException e) {
                throw new InvalidException(where() + ": " + e.getMessage(), e);
            }
        }
        if (!control.isEmpty()) {
            throw new InvalidException(where() + ": function body does not end");
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The instruction after the one being translated, or null at the end of the body. */
    Instruction next() {
        return currentIndex < body.instructions().size() ? body.instructions().get(currentIndex) : null;
    }

    /** The emitter translated {@link #next()} together with the current instruction: it is not translated again. */
    void skipNext() {
        skipNext = true;
    }

    /** Memory accesses of the body before the instruction being translated, four for a whole vector. */
    int memoryAccessesBefore() {
        return memoryAccesses - memoryAccesses(current.op());
    }

    private static int memoryAccesses(Op op) {
        if (op == Op.V128_LOAD || op == Op.V128_STORE) {
            return 4;
        }
        String name = op.name();
        return name.contains("LOAD") && !name.startsWith("TABLE") || name.contains("STORE") ? 1 : 0;
    }

    /** How many loops enclose the instruction being translated. */
    int loopDepth() {
        int depth = 0;
        for (ControlFrame f : control) {
            if (f.kind == Op.LOOP) {
                depth++;
            }
        }
        return depth;
    }

    /** The index of the instruction being translated in the function body (from 1). */
    int currentIndex() {
        return currentIndex;
    }

    /** Function index and byte offset of the instruction being translated, for messages. */
    String where() {
        return "function " + functionIndex + (current == null ? "" : " at byte 0x" + Integer.toHexString(current.offset()));
    }

    private void translate(Instruction in) {
        ControlFrame frame = control.peek();
        Op op = in.op();
        if (frame.unreachable) {
            switch (op) {
                case BLOCK, LOOP, IF -> control.push(new ControlFrame(op, blockType(in), stack.size(), true));
                case ELSE -> {
                    if (!frame.dead) {
                        elseBranch(frame);
                    }
                }
                case END -> end(frame);
                default -> { }
            }
            return;
        }
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(TrapOps.class), "unreachable",
                        "()Ldev/wasm2jar/runtime/TrapException;", false);
                mv.visitInsn(ATHROW);
                frame.unreachable = true;
            }
            case BLOCK -> enter(Op.BLOCK, in);
            case LOOP -> {
                ControlFrame loop = enter(Op.LOOP, in);
                mv.visitLabel(loop.target);
            }
            case IF -> {
                stack.pop();
                ControlFrame f = enter(Op.IF, in);
                mv.visitJumpInsn(IFEQ, f.elseLabel);
            }
            case ELSE -> elseBranch(frame);
            case END -> end(frame);
            case BR -> {
                ControlFrame target = frameAt(in.intOperand(0));
                canonicalizeTop(target.branchTypes().size());
                branch(target);
                frame.unreachable = true;
            }
            case BR_IF -> brIf(frameAt(in.intOperand(0)));
            case BR_TABLE -> brTable(in);
            case RETURN -> {
                emitReturn();
                frame.unreachable = true;
            }
            case CALL -> call(in.intOperand(0));
            case CALL_INDIRECT -> callIndirect(in.intOperand(0), in.intOperand(1));
            case DROP -> {
                ValueType dropped = stack.pop();
                if (dropped != ValueType.V128) {
                    mv.visitInsn(JvmTypes.size(dropped) == 2 ? POP2 : POP);
                }
            }
            case SELECT, SELECT_T -> select();
            case LOCAL_GET -> {
                int i = in.intOperand(0);
                if (localTypes.get(i) == ValueType.V128) {
                    vectors.get(i);
                } else {
                    mv.visitVarInsn(JvmTypes.load(localTypes.get(i)), localSlots[i]);
                    stack.push(localTypes.get(i));
                }
            }
            case LOCAL_SET -> {
                int i = in.intOperand(0);
                if (localTypes.get(i) == ValueType.V128) {
                    vectors.set(i);
                } else {
                    mv.visitVarInsn(JvmTypes.store(localTypes.get(i)), localSlots[i]);
                    stack.pop();
                }
            }
            case LOCAL_TEE -> {
                int i = in.intOperand(0);
                if (localTypes.get(i) == ValueType.V128) {
                    vectors.tee(i);
                } else {
                    mv.visitInsn(JvmTypes.size(localTypes.get(i)) == 2 ? DUP2 : DUP);
                    mv.visitVarInsn(JvmTypes.store(localTypes.get(i)), localSlots[i]);
                }
            }
            case GLOBAL_GET -> globalGet(in.intOperand(0));
            case GLOBAL_SET -> globalSet(in.intOperand(0));
            default -> {
                if (!numeric.emit(in) && !memory.emit(in) && !table.emit(in) && !simd.emit(in)) {
                    throw new InvalidException("unsupported instruction " + op);
                }
            }
        }
    }

    // ---- control flow ----------------------------------------------------------------------------------------------

    private FunctionType blockType(Instruction in) {
        return BlockTypes.resolve(in.operand(0), layout.model().types());
    }

    private ControlFrame enter(Op kind, Instruction in) {
        FunctionType bt = blockType(in);
        // Inside the block any local may change, and its parameters must be where every path expects them.
        vectors.materializeAll();
        canonicalizeTop(bt.params().size());
        ControlFrame f = new ControlFrame(kind, bt, stack.size() - bt.params().size(), false);
        control.push(f);
        return f;
    }

    private void elseBranch(ControlFrame frame) {
        if (!frame.unreachable) {
            canonicalizeTop(frame.type.results().size());
            mv.visitJumpInsn(GOTO, frame.end);
        }
        mv.visitLabel(frame.elseLabel);
        frame.sawElse = true;
        stack.truncate(frame.height);
        stack.pushAll(frame.type.params());
        frame.unreachable = false;
    }

    private void end(ControlFrame frame) {
        control.pop();
        if (frame.dead) {
            return;
        }
        if (!frame.unreachable) {
            canonicalizeTop(frame.type.results().size());
        }
        if (frame.kind == Op.IF && !frame.sawElse) {
            mv.visitLabel(frame.elseLabel);
        }
        if (frame.kind != Op.LOOP) {
            mv.visitLabel(frame.end);
        }
        stack.truncate(frame.height);
        stack.pushAll(frame.type.results());
        if (frame.kind == null) {
            emitReturn();
        }
    }

    private ControlFrame frameAt(int depth) {
        int i = 0;
        for (ControlFrame f : control) {
            if (i++ == depth) {
                return f;
            }
        }
        throw new InvalidException("unknown label " + depth);
    }

    /** Jumps to {@code target}, first dropping whatever lies between its height and the values it carries. */
    private void branch(ControlFrame target) {
        if (target.kind == null) {
            emitReturn();
            return;
        }
        dropBelowCarried(target);
        mv.visitJumpInsn(GOTO, target.target);
    }

    private void brIf(ControlFrame target) {
        stack.pop();
        canonicalizeTop(target.branchTypes().size());
        if (target.kind == null || extraValues(target) > 0) {
            Label skip = new Label();
            mv.visitJumpInsn(IFEQ, skip);
            branch(target);
            mv.visitLabel(skip);
        } else {
            mv.visitJumpInsn(IFNE, target.target);
        }
    }

    private void brTable(Instruction in) {
        stack.pop();
        long[] depths = in.operands();
        canonicalizeTop(frameAt((int) depths[depths.length - 1]).branchTypes().size());
        int n = depths.length - 1;
        Map<Integer, Label> direct = new HashMap<>();
        Map<Integer, Label> trampolines = new HashMap<>();
        Label[] labels = new Label[n];
        Label dflt = null;
        for (int i = 0; i <= n; i++) {
            int depth = (int) depths[i];
            ControlFrame f = frameAt(depth);
            Label l;
            if (f.kind != null && extraValues(f) == 0) {
                l = direct.computeIfAbsent(depth, d -> f.target);
            } else {
                l = trampolines.computeIfAbsent(depth, d -> new Label());
            }
            if (i < n) {
                labels[i] = l;
            } else {
                dflt = l;
            }
        }
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else {
            mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
        }
        for (var e : trampolines.entrySet()) {
            mv.visitLabel(e.getValue());
            branch(frameAt(e.getKey()));
        }
        control.peek().unreachable = true;
    }

    private int extraValues(ControlFrame target) {
        return stack.size() - target.branchTypes().size() - target.height;
    }

    /**
     * Emits code that removes the values between {@code target}'s height and the values a branch to it carries,
     * keeping the carried ones on top; carried vectors move down to the target's positions. The tracked stack is left
     * as it was: the code after may still need it.
     */
    private void dropBelowCarried(ControlFrame target) {
        int extra = extraValues(target);
        if (extra <= 0) {
            return;
        }
        List<ValueType> carried = target.branchTypes();
        for (int i = 0; i < carried.size(); i++) {
            if (carried.get(i) == ValueType.V128) {
                vectors.move(stack.size() - carried.size() + i, target.height + i);
            }
        }
        List<ValueType> carriedScalars = carried.stream().filter(x -> x != ValueType.V128).toList();
        int[] temps = spill(carriedScalars);
        for (int i = 0; i < extra; i++) {
            ValueType dropped = stack.peek(carried.size() + i);
            if (dropped != ValueType.V128) {
                mv.visitInsn(JvmTypes.size(dropped) == 2 ? POP2 : POP);
            }
        }
        reload(carriedScalars, temps);
    }

    /** Puts the top {@code n} values, where they are vectors, in canonical form in their own slots. */
    private void canonicalizeTop(int n) {
        for (int p = stack.size() - n; p < stack.size(); p++) {
            if (stack.type(p) == ValueType.V128) {
                vectors.canonicalize(p);
            }
        }
    }

    /** Stores the top {@code types.size()} values (bottom first in {@code types}) into new temporaries. */
    private int[] spill(List<ValueType> types) {
        int[] temps = new int[types.size()];
        for (int i = types.size() - 1; i >= 0; i--) {
            temps[i] = newTemp(types.get(i));
            mv.visitVarInsn(JvmTypes.store(types.get(i)), temps[i]);
        }
        return temps;
    }

    private void reload(List<ValueType> types, int[] temps) {
        for (int i = 0; i < types.size(); i++) {
            mv.visitVarInsn(JvmTypes.load(types.get(i)), temps[i]);
        }
    }

    int newTemp(ValueType t) {
        return newSlots(JvmTypes.size(t));
    }

    int newSlots(int n) {
        int slot = nextSlot;
        nextSlot += n;
        return slot;
    }

    /** A local of {@code type} for values that live within one instruction's code; one per type and function. */
    int scratch(Type type) {
        return scratch.computeIfAbsent(type.getSort(), sort -> newSlots(type.getSize()));
    }

    /** Returns the function's results from the top of the stack (values below them are simply abandoned). */
    private void emitReturn() {
        List<ValueType> results = type.results();
        if (results.isEmpty()) {
            mv.visitInsn(RETURN);
        } else if (results.size() == 1) {
            if (results.get(0) == ValueType.V128) {
                vectors.box(stack.size() - 1);
            }
            mv.visitInsn(JvmTypes.type(results.get(0)).getOpcode(IRETURN));
        } else {
            Results.pack(this, results);
            mv.visitInsn(ARETURN);
        }
    }

    private void select() {
        stack.pop();
        if (stack.peek(0) == ValueType.V128) {
            // Keep the first operand, in its own slots; on a false condition overwrite it with the second.
            int p = stack.size() - 2;
            Shape s = stack.shape(p);
            vectors.linkOperands(p, p + 1);
            vectors.own(p, s);
            Label done = new Label();
            mv.visitJumpInsn(IFNE, done);
            vectors.copy(p + 1, p, s);
            mv.visitLabel(done);
            stack.pop();
            return;
        }
        ValueType t = stack.pop();
        boolean wide = JvmTypes.size(t) == 2;
        Label second = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFEQ, second);
        mv.visitInsn(wide ? POP2 : POP);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(second);
        if (wide) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitLabel(done);
    }

    // ---- calls and variables ---------------------------------------------------------------------------------------

    private void call(int function) {
        FunctionType callee = layout.model().functionType(function);
        passVectors(callee.params());
        stack.pop(callee.params().size());
        loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, layout.functionOwner(function), layout.functionMethod(function),
                layout.functionDescriptor(callee), false);
        afterCall(callee);
    }

    private void callIndirect(int typeIndex, int tableIndex) {
        FunctionType callee = layout.model().types().get(typeIndex);
        stack.pop();
        if (callee.params().contains(ValueType.V128)) {
            int index = newTemp(ValueType.I32);
            mv.visitVarInsn(ISTORE, index);
            passVectors(callee.params());
            mv.visitVarInsn(ILOAD, index);
        }
        stack.pop(callee.params().size());
        loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, layout.className(), layout.callIndirectStub(typeIndex, tableIndex),
                layout.callIndirectDescriptor(callee), false);
        afterCall(callee);
    }

    /**
     * Vectors are not on the JVM stack, but a callee takes them as {@code V128} objects among its other arguments:
     * takes the scalar arguments off the JVM stack and pushes all arguments in order, vectors boxed.
     */
    private void passVectors(List<ValueType> params) {
        if (!params.contains(ValueType.V128)) {
            return;
        }
        int first = stack.size() - params.size();
        int[] temps = new int[params.size()];
        for (int i = params.size() - 1; i >= 0; i--) {
            if (params.get(i) != ValueType.V128) {
                temps[i] = newTemp(params.get(i));
                mv.visitVarInsn(JvmTypes.store(params.get(i)), temps[i]);
            }
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == ValueType.V128) {
                vectors.box(first + i);
            } else {
                mv.visitVarInsn(JvmTypes.load(params.get(i)), temps[i]);
            }
        }
    }

    private void afterCall(FunctionType callee) {
        int first = stack.size();
        stack.pushAll(callee.results());
        if (callee.results().size() > 1) {
            Results.unpack(this, callee.results(), first);
        } else if (callee.results().size() == 1 && callee.results().get(0) == ValueType.V128) {
            vectors.unbox(first);
        }
        reloadMemory();
    }

    private void globalGet(int index) {
        ValueType t = layout.globalType(index);
        loadSelf();
        if (layout.isSharedGlobal(index)) {
            mv.visitFieldInsn(GETFIELD, layout.className(), layout.globalField(index), "Ldev/wasm2jar/runtime/Global;");
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/runtime/Global", globalAccessor("get", t),
                    "()" + accessorDescriptor(t), false);
            if (t == ValueType.FUNCREF) {
                mv.visitTypeInsn(CHECKCAST, "dev/wasm2jar/runtime/WasmFunction");
            }
        } else {
            mv.visitFieldInsn(GETFIELD, layout.className(), layout.globalField(index), JvmTypes.descriptor(t));
        }
        stack.push(t);
        if (t == ValueType.V128) {
            vectors.unbox(stack.size() - 1);
        }
    }

    private void globalSet(int index) {
        if (stack.peek(0) == ValueType.V128) {
            vectors.box(stack.size() - 1);
        }
        ValueType t = stack.pop();
        loadSelf();
        boolean shared = layout.isSharedGlobal(index);
        if (shared) {
            mv.visitFieldInsn(GETFIELD, layout.className(), layout.globalField(index), "Ldev/wasm2jar/runtime/Global;");
        }
        // Put the receiver under the value.
        if (JvmTypes.size(t) == 2) {
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
        } else {
            mv.visitInsn(SWAP);
        }
        if (shared) {
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/runtime/Global", globalAccessor("set", t),
                    "(" + accessorDescriptor(t) + ")V", false);
        } else {
            mv.visitFieldInsn(PUTFIELD, layout.className(), layout.globalField(index), JvmTypes.descriptor(t));
        }
    }

    private static String globalAccessor(String prefix, ValueType t) {
        return prefix + switch (t) {
            case I32 -> "I32";
            case I64 -> "I64";
            case F32 -> "F32";
            case F64 -> "F64";
            case V128 -> "V128";
            default -> "Ref";
        };
    }

    private static String accessorDescriptor(ValueType t) {
        return t.isReference() ? "Ljava/lang/Object;" : JvmTypes.descriptor(t);
    }

    // ---- helpers for the emitters ----------------------------------------------------------------------------------

    void loadSelf() {
        mv.visitVarInsn(ALOAD, selfSlot);
    }

    /** The instance's {@code Linkage}: passive segments and function references. */
    void loadLink() {
        loadSelf();
        mv.visitFieldInsn(GETFIELD, layout.className(), "link", "Ldev/wasm2jar/runtime/abi/Linkage;");
    }

    /** Consumes what {@code jump} tests and leaves 1 where it would jump, else 0: wasm's i32 booleans. */
    void pushCondition(int jump) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jump, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    void loadMemoryBytes() {
        mv.visitVarInsn(ALOAD, memorySlot);
    }

    /** Reloads the memory's current byte array into its local (after calls and growth). */
    void reloadMemory() {
        if (memorySlot < 0) {
            return;
        }
        loadSelf();
        mv.visitFieldInsn(GETFIELD, layout.className(), layout.memoryField(0), "Ldev/wasm2jar/runtime/Memory;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "dev/wasm2jar/runtime/Memory", "buffer", "()[B", false);
        mv.visitVarInsn(ASTORE, memorySlot);
    }

    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void pushZero(ValueType t) {
        switch (t) {
            case I32 -> mv.visitInsn(ICONST_0);
            case I64 -> mv.visitInsn(LCONST_0);
            case F32 -> mv.visitInsn(FCONST_0);
            case F64 -> mv.visitInsn(DCONST_0);
            case FUNCREF, EXTERNREF -> mv.visitInsn(ACONST_NULL);
            default -> throw new UnsupportedOperationException("locals of type " + t + " are not supported yet");
        }
    }
}
