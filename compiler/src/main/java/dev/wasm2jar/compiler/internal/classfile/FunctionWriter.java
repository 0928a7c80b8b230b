package dev.wasm2jar.compiler.internal.classfile;

import static org.objectweb.asm.Opcodes.*;

import dev.wasm2jar.compiler.internal.layout.ModuleLayout;
import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.compiler.internal.split.SizeCounter;
import dev.wasm2jar.compiler.internal.split.Splitter;
import dev.wasm2jar.compiler.internal.translate.FunctionTranslator;
import dev.wasm2jar.compiler.internal.translate.TailEntry;
import dev.wasm2jar.runtime.FunctionType;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes functions into a class: each as one static method, or, when its code would pass the target, as a method that
 * calls parts planned by {@link Splitter} from a measured translation.
 */
public final class FunctionWriter {
    /** Functions this short never need measuring: even at this many bytes per instruction they fit. */
    private static final int ESTIMATED_BYTES_PER_INSTRUCTION = 12;
    /** Functions with loops this long are measured for {@link Splitter#outlineLoops} (about 3 bytes each). */
    private static final int LOOP_OUTLINING_INSTRUCTIONS = 400;

    private final ModuleLayout layout;
    private final ModuleModel model;
    private final ClassWriter cw;
    /** Planning targets below the default, for functions whose parts came out too large before. */
    private final Map<Integer, Integer> targets;
    private final Runnable functionDone;

    FunctionWriter(ModuleLayout layout, ClassWriter cw, Map<Integer, Integer> targets, Runnable functionDone) {
        this.layout = layout;
        this.functionDone = functionDone;
        this.model = layout.model();
        this.cw = cw;
        this.targets = targets;
    }

    /** Writes the method of function {@code index}, and its parts when it is too large for one. */
    public void write(int index) {
        FunctionType type = model.functionType(index);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, layout.functionMethod(index),
                layout.functionDescriptor(type), null, null);
        int defined = index - layout.importedFunctions();
        FunctionBody body = model.bodies().apply(defined);
        int count = body.instructions().size();
        Region plan = Region.whole(count);
        FunctionTranslator.Frame frame = null;
        int target = targets.getOrDefault(index, Splitter.DEFAULT_TARGET);
        if (count * ESTIMATED_BYTES_PER_INSTRUCTION > target || count >= LOOP_OUTLINING_INSTRUCTIONS && hasLoop(body)) {
            Splitter.Profile profile = measure(index, body);
            Region parts = profile.size() > target ? Splitter.plan(body.instructions(), profile, target)
                    : Splitter.outlineLoops(body.instructions(), profile);
            if (parts != null) {
                plan = parts;
                List<Region> all = plan.all();
                for (int k = 1; k < all.size(); k++) {
                    all.get(k).method = layout.functionMethod(index) + "_part" + k;
                }
                frame = FunctionTranslator.frame(type, body, profile.maxHeight(),
                        FunctionTranslator.passesReferences(type, body, profile.references()));
            }
        }
        new FunctionTranslator(mv, (n, d) -> cw.visitMethod(ACC_PUBLIC | ACC_STATIC, n, d, null, null), layout, index,
                body, plan, frame, null).translate();
        if (layout.isTailCalling(index)) {
            TailEntry.write(cw, layout, index);
        }
        functionDone.run();
    }

    private static boolean hasLoop(FunctionBody body) {
        for (var in : body.instructions()) {
            if (in.op() == Op.LOOP) {
                return true;
            }
        }
        return false;
    }

    /** Translates {@code body} unsplit into a counter, recording code size and stack height per instruction. */
    private Splitter.Profile measure(int index, FunctionBody body) {
        int n = body.instructions().size();
        int[] offsets = new int[n + 1];
        int[] heights = new int[n + 1];
        boolean[] reachable = new boolean[n + 1];
        int[] lows = new int[n + 1];
        int[] max = {0};
        SizeCounter counter = new SizeCounter();
        FunctionTranslator unsplit = new FunctionTranslator(counter, (name, d) -> new SizeCounter(), layout, index, body, Region.whole(n), null,
                (i, height, live, lowestBefore) -> {
                    offsets[i] = counter.size();
                    heights[i] = height;
                    reachable[i] = live;
                    lows[i] = height;
                    if (i > 0) {
                        lows[i - 1] = Math.min(lows[i - 1], lowestBefore);
                    }
                    max[0] = Math.max(max[0], height);
                });
        unsplit.translate();
        offsets[n] = counter.size();
        return new Splitter.Profile(offsets, heights, lows, reachable, max[0], unsplit.heldReference());
    }
}
