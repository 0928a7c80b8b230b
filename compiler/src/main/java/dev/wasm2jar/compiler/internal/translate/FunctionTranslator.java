package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.ASM9;

import dev.wasm2jar.compiler.internal.abi.JvmTypes;
import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op.Family;
import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.ValueType;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one wasm function body into the body of one static JVM method {@code (params..., instance)}: the loop
 * that hands each instruction to the {@link Emitter} of its family, through one table.
 *
 * <p>Wasm's operand stack maps onto the JVM's: a wasm value is a JVM value, so straight-line code translates
 * instruction by instruction; vectors ({@code v128}) are the exception, they live in locals ({@link Vectors}).
 * Structured control flow is {@link ControlFlow}'s, the JVM local slots {@link Slots}', the way to memory
 * {@link MemoryAccess}'s; what emitters share is their {@link EmitContext}. Pairs of instructions that translate
 * better together are found before translation ({@link Peepholes}).
 *
 * <p>A function too large for one method is split ({@link Region}): each part is a method
 * {@code int part(long[] frame, Object[] refs, instance)} translated by a translator of its own, which the caller's
 * {@link PartCalls} starts and whose {@link PartBoundary} says how it left.
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
     * The frame of a split function: {@code long[] frame} of {@code size} slots, wasm local {@code i} at slot
     * {@code i}, operands passed between methods from slot {@code locals} on; {@code Object[] refs} beside it has
     * {@code refs} slots, the same as the frame's when the function has references to pass, else none (an array of
     * {@code size} allocated and zeroed at every call costs a straight-line function as much as its parts' moves).
     */
    public record Frame(int size, int locals, int refs) {}

    public static final String PART_DESCRIPTOR_PREFIX = "([J[Ljava/lang/Object;";

    private final MethodFactory methods;
    private final ModuleLayout layout;
    private final int functionIndex;
    private final FunctionType type;
    private final FunctionBody body;
    private final Region region;
    private final Frame frame;
    private final Recorder recorder;
    private final ShapePlan plan;
    private final Peepholes.Fused[] pairs;
    /** The loops that get a counter and their final branches ({@link LoopCounters}). */
    private final boolean[] counters;
    /** How this function's methods reach memory. */
    private final AccessPlan access;
    /** How this method reaches memory: the function's plan, narrowed to the method's own instructions when split. */
    private final AccessPlan methodAccess;
    private final List<ValueType> localTypes = new ArrayList<>();
    private final Map<Integer, Region> children = new HashMap<>();
    private final EmitContext ctx;
    private final FrameMoves moves;
    /** For a part: how it leaves its method; null for a function's own method. */
    private final PartBoundary boundary;
    private final ControlFlow control;
    private final PartCalls calls;
    private final Map<Family, Emitter> emitters;

    /**
     * The translator of a function's own method ({@code region} is its whole body, maybe with parts). A function
     * that uses vectors is translated twice, the first time into nothing, to choose the shapes of its vectors
     * ({@link ShapePlan}).
     */
    public FunctionTranslator(MethodVisitor mv, MethodFactory methods, ModuleLayout layout, int functionIndex,
            FunctionBody body, Region region, Frame frame, Recorder recorder) {
        this(mv, methods, layout, functionIndex, body, region, frame, recorder, null);
    }

    /** The same, with the table of wide addends ({@link WideAddends}) of the class the function is written into. */
    public FunctionTranslator(MethodVisitor mv, MethodFactory methods, ModuleLayout layout, int functionIndex,
            FunctionBody body, Region region, Frame frame, Recorder recorder, WideAddends addends) {
        this(mv, methods, layout, functionIndex, body, region, frame, recorder, false,
                shapePlan(layout, functionIndex, body), Peepholes.find(body.instructions()),
                LoopCounters.find(body.instructions()), AccessPlan.of(body.instructions()), addends,
                addends == null ? null : WideAddends.find(body.instructions()));
    }

    private FunctionTranslator(MethodVisitor mv, MethodFactory methods, ModuleLayout layout, int functionIndex,
            FunctionBody body, Region region, Frame frame, Recorder recorder, boolean part, ShapePlan plan,
            Peepholes.Fused[] pairs, boolean[] counters, AccessPlan access, WideAddends addends,
            boolean[] tableAddends) {
        this.methods = methods;
        this.layout = layout;
        this.functionIndex = functionIndex;
        this.type = layout.model().functionType(functionIndex);
        this.body = body;
        this.region = region;
        this.frame = frame;
        this.recorder = recorder;
        this.plan = plan;
        this.pairs = pairs;
        this.counters = counters;
        this.access = access;
        this.methodAccess = part || frame != null ? access.within(body.instructions(), region) : access;
        region.children.forEach(c -> children.put(c.start, c));
        localTypes.addAll(type.params());
        localTypes.addAll(body.locals());
        Slots slots = part ? Slots.ofPart(localTypes) : Slots.ofFunction(localTypes, type.params().size(), frame != null);
        ctx = new EmitContext(mv, layout, slots, new Cursor(functionIndex), localTypes, plan, methodAccess, addends,
                tableAddends);
        moves = new FrameMoves(ctx, localTypes, FrameMoves.frameSlots(type, body), frame, region.resident);
        boundary = part ? new PartBoundary(ctx, moves, region) : null;
        control = new ControlFlow(ctx, type, boundary, counters);
        calls = new PartCalls(ctx, control, moves, region, type, boundary, this::translatePart,
                layout.functionOwner(functionIndex), partDescriptor(layout.className()));
        emitters = dispatchTable(ctx, control, localTypes, moves);
    }

    /** The one table from an instruction's family to its emitter. */
    private static Map<Family, Emitter> dispatchTable(EmitContext ctx, ControlFlow control, List<ValueType> locals,
            FrameMoves moves) {
        Map<Family, Emitter> table = new EnumMap<>(Family.class);
        MemoryEmitter memory = new MemoryEmitter(ctx);
        SimdLaneEmitter lanes = new SimdLaneEmitter(ctx);
        table.put(Family.CONTROL, control);
        table.put(Family.CALL, new CallEmitter(ctx, control));
        table.put(Family.EXCEPTION, new ExceptionEmitter(ctx, control));
        table.put(Family.PARAMETRIC, new ParametricEmitter(ctx));
        table.put(Family.LOCAL, new LocalEmitter(ctx, control, locals, moves));
        table.put(Family.GLOBAL, new GlobalEmitter(ctx));
        table.put(Family.TABLE, new TableEmitter(ctx));
        table.put(Family.MEMORY_ACCESS, memory);
        table.put(Family.MEMORY, memory);
        table.put(Family.NUMERIC, new NumericEmitter(ctx, control));
        table.put(Family.VECTOR, new SimdEmitter(ctx, lanes));
        table.put(Family.VECTOR_MEMORY, new SimdMemoryEmitter(ctx, lanes));
        table.put(Family.GC, new GcEmitter(ctx, control));
        return table;
    }

    /** Whether a function uses vectors: v128 parameters, results, locals or instructions. */
    public static boolean usesVectors(FunctionType type, FunctionBody body) {
        return type.params().contains(ValueType.V128) || type.results().contains(ValueType.V128)
                || body.locals().contains(ValueType.V128) || body.instructions().stream()
                        .anyMatch(in -> in.op().family() == Family.VECTOR || in.op().family() == Family.VECTOR_MEMORY);
    }

    private static ShapePlan shapePlan(ModuleLayout layout, int functionIndex, FunctionBody body) {
        FunctionType type = layout.model().functionType(functionIndex);
        if (!usesVectors(type, body)) {
            return ShapePlan.canonical();
        }
        ShapePlan survey = ShapePlan.survey(type.params().size() + body.locals().size());
        new FunctionTranslator(new MethodVisitor(ASM9) {}, null, layout, functionIndex, body,
                Region.whole(body.instructions().size()), null, null, false, survey,
                Peepholes.find(body.instructions()), LoopCounters.find(body.instructions()),
                AccessPlan.of(body.instructions()), null, null).translate();
        return survey.decide();
    }

    /**
     * The frame of a split function of this type and body, for operand stacks up to {@code maxHeight}, with room for
     * references if {@code references}.
     */
    public static Frame frame(FunctionType type, FunctionBody body, int maxHeight, boolean references) {
        return FrameMoves.frame(type, body, maxHeight, references);
    }

    /**
     * Whether a split function of this type and body passes references between its methods, given whether its
     * operand stack ever held one ({@link #heldReference()} of its unsplit translation): reference locals,
     * reference operands, and exceptions a part hands back (in a {@code try_table}) or lets escape (tail calls).
     */
    public static boolean passesReferences(FunctionType type, FunctionBody body, boolean stackHeldReference) {
        if (stackHeldReference || type.params().stream().anyMatch(ValueType::isReference)
                || body.locals().stream().anyMatch(ValueType::isReference)) {
            return true;
        }
        for (var in : body.instructions()) {
            switch (in.op()) {
                case TRY_TABLE, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** After {@link #translate()}: whether a reference was ever on the operand stack. */
    public boolean heldReference() {
        return ctx.stack.heldReference();
    }

    /** The descriptor of a part's method. */
    public static String partDescriptor(String instanceInternalName) {
        return PART_DESCRIPTOR_PREFIX + "L" + instanceInternalName + ";)I";
    }

    /** Translates the function's own method. */
    public void translate() {
        MethodVisitor mv = ctx.mv;
        mv.visitCode();
        for (int i = 0; i < localTypes.size(); i++) {
            boolean param = i < type.params().size();
            if (localTypes.get(i) == ValueType.V128) {
                if (param) {
                    ctx.vectors.initParameter(i, ctx.slots.local(i));
                } else {
                    ctx.vectors.initLocal(i);
                }
            } else if (!param) {
                ctx.pushZero(localTypes.get(i));
                mv.visitVarInsn(JvmTypes.store(localTypes.get(i)), ctx.slots.local(i));
            }
        }
        if (frame != null) {
            moves.allocate(type.params().size());
        }
        ctx.polls.enterFunction();
        ctx.memory.reload();
        control.enterFunction();
        run();
        if (!control.ended()) {
            throw new InvalidException(ctx.cursor.where() + ": function body does not end");
        }
        ctx.polls.finishFunction();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Translates part {@code part} into its own method, within the constructs {@code around} (innermost first). */
    private PartBoundary translatePart(Region part, Deque<ControlFrame> around, List<ValueType> consumed) {
        MethodVisitor mv = methods.open(part.method, partDescriptor(layout.className()));
        FunctionTranslator t = new FunctionTranslator(mv, methods, layout, functionIndex, body, part, frame, null, true,
                plan, pairs, counters, access, ctx.addends, ctx.tableAddends);
        mv.visitCode();
        t.boundary.enter(consumed, around.stream().anyMatch(f -> f.handlers != null));
        List<ControlFrame> ending = t.control.enterOutside(around, part.closes);
        if (!ending.isEmpty()) {
            t.enterCases(ending);
        }
        t.run();
        t.boundary.finish(!t.control.unreachable());
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return t.boundary;
    }

    /** Jumps to where a part of a switch's cases is entered: its start, or after the end of one of {@code ending}. */
    private void enterCases(List<ControlFrame> ending) {
        MethodVisitor mv = ctx.mv;
        Label start = new Label();
        Label[] entries = new Label[ending.size()];
        entries[0] = start;
        for (int e = 1; e < entries.length; e++) {
            entries[e] = ending.get(e - 1).end;
        }
        moves.loadEntry();
        mv.visitTableSwitchInsn(0, entries.length - 1, start, entries);
        mv.visitLabel(start);
    }

    /** Translates this method's run of instructions, calling parts where the plan puts them. */
    private void run() {
        List<Instruction> code = body.instructions();
        int i = region.start;
        while (i < region.end) {
            Instruction in = code.get(i);
            boolean unreachable = control.unreachable();
            if (recorder != null) {
                recorder.before(i, ctx.stack.size(), !unreachable, ctx.stack.takeLow());
            }
            Region child = children.get(i);
            if (child != null) {
                if (child.closes > 0) {
                    calls.callCases(child, unreachable);
                } else if (!unreachable) {
                    calls.call(child);
                }
                i = child.end;
                continue;
            }
            // A pair is translated as one only where both halves are reachable and in this method.
            Peepholes.Fused pair = unreachable || i + 1 >= region.end || children.containsKey(i + 1) ? null : pairs[i];
            ctx.cursor.moveTo(i, in, pair);
            try {
                if (unreachable) {
                    control.skip(in);
                } else {
                    emitters.get(in.op().family()).emit(in);
                }
            } catch (InvalidException | IndexOutOfBoundsException e) {
                throw new InvalidException(ctx.cursor.where() + ": " + e.getMessage(), e);
            } catch (UnsupportedOperationException e) {
                throw new UnsupportedOperationException(ctx.cursor.where() + ": " + e.getMessage(), e);
            }
            i += pair == null ? 1 : 2;
        }
        if (recorder != null && boundary == null) {
            recorder.before(code.size(), 0, false, ctx.stack.takeLow());
        }
    }
}
