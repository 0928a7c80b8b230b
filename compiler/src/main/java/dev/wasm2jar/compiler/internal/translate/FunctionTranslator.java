package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import dev.wasm2jar.compiler.internal.abi.RuntimeTypes;
import dev.wasm2jar.compiler.internal.classfile.JvmTypes;
import dev.wasm2jar.compiler.internal.classfile.ModuleLayout;
import dev.wasm2jar.compiler.internal.classfile.Names;
import dev.wasm2jar.compiler.internal.model.BlockTypes;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
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
 *
 * <p>A function too large for one method is split ({@link Region}): each part is a method
 * {@code int part(long[] frame, Object[] refs, instance)} translated by a translator of its own. Locals stay in JVM
 * locals inside every method and go through the frame only where control passes between methods; a part returns 0
 * when it runs to its end, -1 when the function returns, or the index of the enclosing construct it branches to.
 */
public final class FunctionTranslator {
    /** Opens a method in the class being written: {@code (name, descriptor) -> visitor}. */
    @FunctionalInterface
    public interface MethodFactory {
        MethodVisitor open(String name, String descriptor);
    }

    /** Watches translation instruction by instruction; the splitter measures functions with it. */
    @FunctionalInterface
    public interface Recorder {
        /**
         * @param lowestBefore the lowest operand stack height while the previous instruction ran
         */
        void before(int index, int stackHeight, boolean reachable, int lowestBefore);
    }

    /**
     * The frame of a split function: {@code long[] frame} and {@code Object[] refs} of {@code size} slots, wasm
     * local {@code i} at slot {@code i}, operands passed between methods from slot {@code locals} on.
     */
    public record Frame(int size, int locals) {}

    public static final String PART_DESCRIPTOR_PREFIX = "([J[Ljava/lang/Object;";

    final MethodVisitor mv;
    final ModuleLayout layout;
    final ValueStack stack = new ValueStack();
    private final MethodFactory methods;
    private final int functionIndex;
    private final FunctionType type;
    private final FunctionBody body;
    private final Region region;
    private final boolean part;
    private final Frame frame;
    private final Recorder recorder;
    private final java.util.Map<Integer, Region> children = new HashMap<>();
    private final Deque<ControlFrame> control = new ArrayDeque<>();
    private final int[] localSlots;
    /** For a split function: moves between JVM locals and the frame. */
    private final FrameMoves frameMoves;
    private final List<ValueType> localTypes = new ArrayList<>();
    private final int selfSlot;
    private final int memorySlot;
    private final int frameSlot;
    private final int refsSlot;
    private int nextSlot;
    private final ParametricEmitter parametric;
    private final CallEmitter calls;
    private final GlobalEmitter globals;
    private final NumericEmitter numeric;
    private final MemoryEmitter memory;
    private final TableEmitter table;
    final Vectors vectors;
    private final SimdEmitter simd;
    private final Map<Integer, Integer> scratch = new HashMap<>();
    private Instruction current;
    /** For a part: whether it can run to its end, and the types it then leaves. */
    private boolean completes;
    private List<ValueType> produced = List.of();
    /** For a part: the exit codes it returns besides 0. */
    private final java.util.SortedSet<Integer> exits = new java.util.TreeSet<>();
    /**
     * For a part: where every branch out of it goes, with an empty operand stack and its exit code in
     * {@link #exitSlot}, to write back its locals once rather than at each branch.
     */
    private Label exitBlock;
    private int exitSlot = -1;

    private int currentIndex;
    private int memoryAccesses;
    private boolean skipNext;
    private final ShapePlan plan;

    /**
     * The translator of a function's own method ({@code region} is its whole body, maybe with parts). A function
     * that uses vectors is translated twice, the first time into nothing, to choose the shapes of its vectors
     * ({@link ShapePlan}).
     */
    public FunctionTranslator(MethodVisitor mv, MethodFactory methods, ModuleLayout layout, int functionIndex,
            FunctionBody body, Region region, Frame frame, Recorder recorder) {
        this(mv, methods, layout, functionIndex, body, region, frame, recorder, false,
                shapePlan(layout, functionIndex, body));
    }

    /** Whether a function uses vectors: v128 parameters, locals or instructions. */
    public static boolean usesVectors(FunctionType type, FunctionBody body) {
        return type.params().contains(ValueType.V128) || type.results().contains(ValueType.V128)
                || body.locals().contains(ValueType.V128)
                || body.instructions().stream().anyMatch(in -> in.op().compareTo(Op.V128_LOAD) >= 0);
    }

    private static ShapePlan shapePlan(ModuleLayout layout, int functionIndex, FunctionBody body) {
        FunctionType type = layout.model().functionType(functionIndex);
        if (!usesVectors(type, body)) {
            return ShapePlan.canonical();
        }
        ShapePlan survey = ShapePlan.survey(type.params().size() + body.locals().size());
        new FunctionTranslator(new MethodVisitor(ASM9) {}, null, layout, functionIndex, body,
                Region.whole(body.instructions().size()), null, null, false, survey).translate();
        return survey.decide();
    }

    private FunctionTranslator(MethodVisitor mv, MethodFactory methods, ModuleLayout layout, int functionIndex,
            FunctionBody body, Region region, Frame frame, Recorder recorder, boolean part, ShapePlan plan) {
        this.mv = mv;
        this.methods = methods;
        this.layout = layout;
        this.functionIndex = functionIndex;
        this.type = layout.model().functionType(functionIndex);
        this.body = body;
        this.region = region;
        this.part = part;
        this.frame = frame;
        this.recorder = recorder;
        region.children.forEach(c -> children.put(c.start, c));
        localTypes.addAll(type.params());
        localTypes.addAll(body.locals());
        localSlots = new int[localTypes.size()];
        int slot = 0;
        if (part) {
            frameSlot = slot++;
            refsSlot = slot++;
            selfSlot = slot++;
            for (int i = 0; i < localTypes.size(); i++) {
                localSlots[i] = slot;
                slot += JvmTypes.size(localTypes.get(i));
            }
        } else {
            for (int i = 0; i < type.params().size(); i++) {
                localSlots[i] = slot;
                slot += JvmTypes.size(localTypes.get(i));
            }
            selfSlot = slot++;
            for (int i = type.params().size(); i < localTypes.size(); i++) {
                localSlots[i] = slot;
                slot += JvmTypes.size(localTypes.get(i));
            }
            frameSlot = frame != null ? slot++ : -1;
            refsSlot = frame != null ? slot++ : -1;
        }
        memorySlot = layout.hasMemory() ? slot++ : -1;
        nextSlot = slot;
        parametric = new ParametricEmitter(this);
        calls = new CallEmitter(this);
        globals = new GlobalEmitter(this);
        numeric = new NumericEmitter(this);
        memory = new MemoryEmitter(this);
        table = new TableEmitter(this);
        this.plan = plan;
        frameMoves = new FrameMoves(this, localTypes, localSlots, FrameMoves.frameSlots(type, body), frame, frameSlot,
                refsSlot);
        vectors = new Vectors(this, localTypes, plan);
        simd = new SimdEmitter(this, vectors);
    }

    /** The frame of a split function of this type and body, for operand stacks up to {@code maxHeight}. */
    public static Frame frame(FunctionType type, FunctionBody body, int maxHeight) {
        return FrameMoves.frame(type, body, maxHeight);
    }

    /** The descriptor of a part's method. */
    public static String partDescriptor(String instanceInternalName) {
        return PART_DESCRIPTOR_PREFIX + "L" + instanceInternalName + ";)I";
    }

    public void translate() {
        mv.visitCode();
        if (part) {
            throw new IllegalStateException("parts are translated by their callers");
        }
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
        if (frame != null) {
            frameMoves.allocate(type.params().size());
        }
        reloadMemory();
        control.push(new ControlFrame(null, type, 0, 0, false, false));
        translateRun();
        if (!control.isEmpty()) {
            throw new InvalidException(where() + ": function body does not end");
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Translates this method's run of instructions, calling parts where the plan puts them. */
    private void translateRun() {
        List<Instruction> code = body.instructions();
        int i = region.start;
        while (i < region.end) {
            Instruction in = code.get(i);
            current = in;
            if (recorder != null) {
                recorder.before(i, stack.size(), !control.peek().unreachable, stack.takeLow());
            }
            Region child = children.get(i);
            if (child != null) {
                if (!control.peek().unreachable) {
                    callPart(child);
                }
                i = child.end;
                continue;
            }
            currentIndex = i + 1;
            memoryAccesses += memoryAccesses(in.op());
            try {
                translate(in);
            } catch (InvalidException | UnsupportedOperationException | IndexOutOfBoundsException e) {
                throw new InvalidException(where() + ": " + e.getMessage(), e);
            }
            i++;
            if (skipNext) {
                // The emitter translated the next instruction together with this one.
                skipNext = false;
                i++;
            }
        }
        if (recorder != null && !part) {
            recorder.before(code.size(), 0, false, stack.takeLow());
        }
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
                case BLOCK, LOOP, IF -> control.push(new ControlFrame(op, blockType(in), control.size(), stack.size(),
                        true, false));
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
                Builtin.TRAP_UNREACHABLE.invoke(mv);
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
            default -> {
                if (!parametric.emit(in) && !calls.emit(in) && !globals.emit(in) && !numeric.emit(in) && !memory.emit(in) && !table.emit(in)
                        && !simd.emit(in)) {
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
        ControlFrame f = new ControlFrame(kind, bt, control.size(), stack.size() - bt.params().size(), false, false);
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
        if (target.outside) {
            leavePart(target.branchTypes(), target.index);
            return;
        }
        dropBelowCarried(target);
        mv.visitJumpInsn(GOTO, target.target);
    }

    private void brIf(ControlFrame target) {
        stack.pop();
        canonicalizeTop(target.branchTypes().size());
        if (target.kind == null || target.outside || extraValues(target) > 0) {
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
            if (f.kind != null && !f.outside && extraValues(f) == 0) {
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
        if (part) {
            leavePart(results, -1);
            return;
        }
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

    // ---- split functions ------------------------------------------------------------------------------------------

    /** Translates this translator's region as a part: locals and operands come from the frame, results go back. */
    private void translatePart(Deque<ControlFrame> around, List<ValueType> consumed) {
        mv.visitCode();
        region.directUses.stream().forEach(frameMoves::loadLocal);
        reloadMemory();
        List<ControlFrame> outer = new ArrayList<>(around);
        java.util.Collections.reverse(outer);
        outer.forEach(f -> control.push(f.asOutside()));
        frameMoves.pushOperands(consumed);
        translateRun();
        if (!control.peek().unreachable) {
            completes = true;
            produced = stack.slice(0);
            frameMoves.storeOperands(produced);
            frameMoves.flushLocals(region.directWrites);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }
        if (exitBlock != null) {
            mv.visitLabel(exitBlock);
            frameMoves.flushLocals(region.directWrites);
            mv.visitVarInsn(ILOAD, exitSlot);
            mv.visitInsn(IRETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Empties the JVM operand stack (the tracked stack says what is on it) and goes to the exit block. */
    private void goToExitBlock(int keptOnTop) {
        for (int i = keptOnTop; i < stack.size(); i++) {
            ValueType t = stack.peek(i);
            if (t != ValueType.V128) {
                mv.visitInsn(JvmTypes.size(t) == 2 ? POP2 : POP);
            }
        }
        if (exitBlock == null) {
            exitBlock = new Label();
        }
        mv.visitJumpInsn(GOTO, exitBlock);
    }

    private int exitSlot() {
        if (exitSlot < 0) {
            exitSlot = newTemp(ValueType.I32);
        }
        return exitSlot;
    }

    /** Emits the call of part {@code child} (translating it into its own method) and what follows its return. */
    private void callPart(Region child) {
        // The part may write any local; vectors on the stack must not read locals' slots after it.
        vectors.materializeAll();
        List<ValueType> consumed = stack.slice(stack.size() - child.consumed);
        frameMoves.storeOperands(consumed);
        stack.pop(child.consumed);
        java.util.BitSet flush = (java.util.BitSet) region.directWrites.clone();
        flush.and(child.uses);
        frameMoves.flushLocals(flush);

        String descriptor = partDescriptor(layout.className());
        FunctionTranslator t = new FunctionTranslator(methods.open(child.method, descriptor), methods, layout,
                functionIndex, body, child, frame, null, true, plan);
        t.translatePart(control, consumed);

        mv.visitVarInsn(ALOAD, frameSlot);
        mv.visitVarInsn(ALOAD, refsSlot);
        loadSelf();
        mv.visitMethodInsn(INVOKESTATIC, layout.functionOwner(functionIndex), child.method, descriptor, false);
        reloadMemory();
        java.util.BitSet reload = (java.util.BitSet) child.writes.clone();
        reload.and(region.directUses);
        reload.stream().forEach(frameMoves::loadLocal);

        dispatch(t);
    }

    /**
     * Continues after part {@code t} returned its exit code: 0 runs on here; exits to constructs around this method
     * (and, in a part, returns) are passed on in one place, since constructs outside have the lowest indices; exits
     * to constructs in this method branch to them.
     */
    private void dispatch(FunctionTranslator t) {
        if (t.exits.isEmpty()) {
            mv.visitInsn(POP);
        } else {
            int code = newTemp(ValueType.I32);
            mv.visitVarInsn(ISTORE, code);
            Label normal = new Label();
            if (t.completes) {
                mv.visitVarInsn(ILOAD, code);
                mv.visitJumpInsn(IFEQ, normal);
            }
            int firstInside = control.size();
            for (ControlFrame f : control) {
                if (!f.outside) {
                    firstInside = Math.min(firstInside, f.index);
                }
            }
            List<Integer> here = new ArrayList<>();
            boolean passOn = false;
            for (int exit : t.exits) {
                if (part && exit < firstInside) {
                    passOn = true;
                    exits.add(exit);
                } else {
                    here.add(exit);
                }
            }
            if (passOn) {
                Label stays = new Label();
                mv.visitVarInsn(ILOAD, code);
                pushInt(firstInside);
                mv.visitJumpInsn(IF_ICMPGE, stays);
                mv.visitVarInsn(ILOAD, code);
                mv.visitVarInsn(ISTORE, exitSlot());
                goToExitBlock(0);
                mv.visitLabel(stays);
            }
            for (int exit : here) {
                Label next = new Label();
                mv.visitVarInsn(ILOAD, code);
                pushInt(exit);
                mv.visitJumpInsn(IF_ICMPNE, next);
                followExit(exit);
                mv.visitLabel(next);
            }
            // No other code comes back; the JVM still needs this path closed.
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ATHROW);
            if (t.completes) {
                mv.visitLabel(normal);
            }
        }
        if (t.completes) {
            frameMoves.pushOperands(t.produced);
        } else {
            if (t.exits.isEmpty()) {
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(ATHROW);
            }
            control.peek().unreachable = true;
        }
    }

    /** After a part left with an exit this method handles: the function's return, or a branch to a construct here. */
    private void followExit(int exit) {
        if (exit == -1) {
            frameMoves.pushOperands(type.results());
            emitReturn();
            stack.pop(type.results().size());
            return;
        }
        ControlFrame target = null;
        for (ControlFrame f : control) {
            if (f.index == exit && !f.outside) {
                target = f;
            }
        }
        if (target == null) {
            throw new IllegalStateException("a part branches to construct " + exit + ", which is not here");
        }
        List<ValueType> carried = target.branchTypes();
        frameMoves.pushOperands(carried);
        branch(target);
        stack.pop(carried.size());
    }

    /** In a part: a branch out of it or a return, with the carried values through the frame. */
    private void leavePart(List<ValueType> carried, int exit) {
        List<ValueType> top = stack.slice(stack.size() - carried.size());
        frameMoves.storeOperands(top);
        if (exit == -1) {
            leave(-1);
            return;
        }
        pushInt(exit);
        mv.visitVarInsn(ISTORE, exitSlot());
        goToExitBlock(top.size());
        exits.add(exit);
    }

    private void leave(int exit) {
        pushInt(exit);
        mv.visitInsn(IRETURN);
        exits.add(exit);
    }

    // ---- helpers for the emitters ----------------------------------------------------------------------------------

    void loadSelf() {
        mv.visitVarInsn(ALOAD, selfSlot);
    }

    /** The instance's {@code Linkage}: passive segments and function references. */
    void loadLink() {
        loadSelf();
        mv.visitFieldInsn(GETFIELD, layout.className(), Names.LINK, RuntimeTypes.LINKAGE);
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
        mv.visitFieldInsn(GETFIELD, layout.className(), layout.memoryField(0), RuntimeTypes.MEMORY);
        Builtin.MEMORY_BYTES.invoke(mv);
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
        switch (t.kind()) {
            case I32 -> mv.visitInsn(ICONST_0);
            case I64 -> mv.visitInsn(LCONST_0);
            case F32 -> mv.visitInsn(FCONST_0);
            case F64 -> mv.visitInsn(DCONST_0);
            case REF -> mv.visitInsn(ACONST_NULL);
            default -> throw new UnsupportedOperationException("locals of type " + t + " are not supported yet");
        }
    }
}
