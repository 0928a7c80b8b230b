package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasm2jar.compiler.internal.decode.EndiveDecoder;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.runtime.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A module decoded through body windows (tiny ones here) reads as one decoded whole does: the bodies that make tail
 * calls (found by a walk of the bytes, since windows are decoded later) and relaxed SIMD's ops (through the stand-ins).
 */
class WindowedFeaturesTest {
    @Test
    void tailCallingBodiesAreTheSame() {
        ModuleModel whole = EndiveDecoder.decode(TailCallTest.MODULE, Feature.WASM_3_0);
        ModuleModel windowed = EndiveDecoder.decode(TailCallTest.MODULE, Feature.WASM_3_0, 16);
        assertEquals(whole.tailCalling(), windowed.tailCalling());
        assertEquals("{0, 1, 2, 4, 5}", windowed.tailCalling().toString());
    }

    @Test
    void relaxedOpsAreTheSame() {
        ModuleModel windowed = EndiveDecoder.decode(RelaxedSimdTest.RELAXED, Feature.WASM_3_0, 16);
        List<Op> ops = windowed.bodies().apply(0).instructions().stream().map(i -> i.op()).toList();
        assertEquals(Op.F32X4_RELAXED_MADD, ops.get(3));
    }
}
