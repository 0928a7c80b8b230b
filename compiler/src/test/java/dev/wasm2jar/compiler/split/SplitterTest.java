package dev.wasm2jar.compiler.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.compiler.internal.split.Region;
import dev.wasm2jar.compiler.internal.split.Splitter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The splitter's planning on synthetic bodies, without translating anything: each instruction is given a code size,
 * a stack height and reachability, as the measured translation would record them.
 */
class SplitterTest {
    private static final int TARGET = 1000;

    /** A function body under construction: instructions with their measured sizes and stack heights. */
    private static final class Body {
        final List<Instruction> code = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        final List<Integer> heights = new ArrayList<>();
        final List<Boolean> reachable = new ArrayList<>();
        int height;
        boolean live = true;

        Body add(Op op, int size, int heightAfter, long... operands) {
            code.add(new Instruction(op, operands, code.size()));
            sizes.add(size);
            heights.add(height);
            reachable.add(live);
            height = heightAfter;
            return this;
        }

        /** {@code n} instructions of {@code size} bytes that leave the stack as they found it. */
        Body straight(int n, int size) {
            for (int i = 0; i < n; i++) {
                add(Op.NOP, size, height);
            }
            return this;
        }

        /** {@code n} calls of a function of no parameters and no results. */
        Body calls(int n) {
            for (int i = 0; i < n; i++) {
                add(Op.CALL, 4, height, 0);
            }
            return this;
        }

        Body localSet(int local, int size) {
            add(Op.I32_CONST, 2, height + 1, 0);
            return add(Op.LOCAL_SET, size, height - 1, local);
        }

        Body open(Op kind) {
            return add(kind, 3, height, -1);
        }

        Body end() {
            return add(Op.END, 0, height);
        }

        Splitter.Profile profile() {
            int n = code.size();
            int[] offsets = new int[n + 1];
            int[] h = new int[n + 1];
            int[] lows = new int[n + 1];
            boolean[] r = new boolean[n + 1];
            for (int i = 0; i < n; i++) {
                offsets[i + 1] = offsets[i] + sizes.get(i);
                h[i] = heights.get(i);
                r[i] = reachable.get(i);
                // An instruction pops what it needs before pushing: its lowest point is the lower of the heights.
                lows[i] = Math.min(h[i], i + 1 < n ? heights.get(i + 1) : height);
            }
            h[n] = height;
            lows[n] = height;
            return new Splitter.Profile(offsets, h, lows, r, 4, false);
        }

        Region plan(int target) {
            return Splitter.plan(code, profile(), target);
        }

        int bytes(int from, int to) {
            int sum = 0;
            for (int i = from; i < to; i++) {
                sum += sizes.get(i);
            }
            return sum;
        }

        /** Bytes of a region's own instructions, without its parts. */
        int ownBytes(Region r) {
            int sum = bytes(r.start, r.end);
            for (Region c : r.children) {
                sum -= bytes(c.start, c.end);
            }
            return sum;
        }
    }

    @Test
    void codeUnderTheTargetIsNotCut() {
        Body body = new Body().straight(40, 20).end();
        Region plan = body.plan(TARGET);
        assertTrue(plan.children.isEmpty(), plan.all().toString());
    }

    @Test
    void straightLineCodeIsCutIntoPartsUnderTheTarget() {
        Body body = new Body().straight(100, 100).end();
        Region plan = body.plan(TARGET);
        List<Region> parts = plan.all().subList(1, plan.all().size());
        assertTrue(parts.size() >= 10, parts.toString());
        for (Region r : plan.all()) {
            assertTrue(body.ownBytes(r) <= TARGET, r + " keeps " + body.ownBytes(r) + " bytes");
        }
        int end = 0;
        for (Region part : plan.children) {
            assertTrue(part.start >= end, "parts in order, not overlapping: " + plan.children);
            assertEquals(0, part.consumed);
            end = part.end;
        }
        assertTrue(end <= body.code.size() - 1, "the final end stays in the function's method");
    }

    @Test
    void aSmallLoopStaysWholeBesideALargeBlock() {
        Body body = new Body().open(Op.BLOCK).straight(60, 100).end();
        int loopStart = body.code.size();
        body.open(Op.LOOP).straight(20, 20).end();
        int loopEnd = body.code.size();
        body.end();
        Region plan = body.plan(TARGET);
        assertFalse(plan.children.isEmpty());
        for (Region r : plan.all()) {
            boolean cutsIntoLoop = r.start > loopStart && r.start < loopEnd || r.end > loopStart && r.end < loopEnd;
            assertFalse(cutsIntoLoop, r + " cuts into the loop [" + loopStart + ", " + loopEnd + ")");
            assertTrue(body.ownBytes(r) <= TARGET, r + " keeps " + body.ownBytes(r) + " bytes");
        }
    }

    @Test
    void partsStartOnlyWhereCodeIsReachable() {
        Body body = new Body().straight(30, 100);
        body.live = false; // after an unconditional branch, until the block's end
        body.straight(30, 100);
        body.live = true;
        body.straight(30, 100).end();
        Region plan = body.plan(TARGET);
        for (Region part : plan.all().subList(1, plan.all().size())) {
            assertTrue(body.reachable.get(part.start), part + " starts in unreachable code");
        }
    }

    @Test
    void aPartRecordsTheLocalsItUsesAndWrites() {
        Body body = new Body();
        for (int i = 0; i < 40; i++) {
            body.localSet(i % 3, 60);
        }
        body.end();
        Region plan = body.plan(TARGET);
        assertFalse(plan.children.isEmpty());
        java.util.BitSet written = (java.util.BitSet) plan.directWrites.clone();
        for (Region part : plan.children) {
            assertEquals(part.uses, part.writes, "every local is written by local.set");
            written.or(part.writes);
        }
        assertEquals(java.util.BitSet.valueOf(new long[] {0b111}), written);
    }

    @Test
    void aPartThatPopsOperandsFromBelowItsStartConsumesThem() {
        Body body = new Body();
        body.add(Op.I32_CONST, 2, 1, 7).add(Op.I32_CONST, 2, 2, 8);
        body.straight(35, 100);
        body.add(Op.I32_ADD, 500, 1).add(Op.DROP, 500, 0);
        body.end();
        Region plan = body.plan(TARGET);
        Region last = plan.children.get(plan.children.size() - 1);
        assertEquals(body.code.size() - 1, last.end, "the drop ends the last part: " + plan.children);
        assertTrue(last.consumed >= 1, "the last part pops what was pushed before it: " + last);
    }

    @Test
    void partsOutsideLoopsAimSmallerThanPartsInsideThem() {
        int target = Splitter.DEFAULT_TARGET;
        Body body = new Body().straight(120, 100);
        int loopStart = body.code.size();
        body.open(Op.LOOP).straight(300, 100).end();
        int loopEnd = body.code.size();
        body.end();
        Region plan = body.plan(target);
        int largestOutside = 0;
        int largestInside = 0;
        for (Region r : plan.all().subList(1, plan.all().size())) {
            boolean inside = r.start > loopStart && r.end < loopEnd;
            if (inside) {
                largestInside = Math.max(largestInside, body.ownBytes(r));
            } else {
                largestOutside = Math.max(largestOutside, body.ownBytes(r));
            }
        }
        assertTrue(largestOutside <= Splitter.OUTSIDE_LOOPS_TARGET, "outside the loop: " + largestOutside);
        assertTrue(largestInside > Splitter.OUTSIDE_LOOPS_TARGET && largestInside <= target,
                "inside the loop: " + largestInside);
    }

    @Test
    void aSwitchsCasesAreGroupedIntoPartsThatTheDispatchCallsDirectly() {
        int cases = 40;
        Body body = new Body().open(Op.LOOP);
        for (int k = 0; k < cases; k++) {
            body.open(Op.BLOCK);
        }
        body.add(Op.I32_CONST, 2, body.height + 1, 0).add(Op.BR_TABLE, 13 + 4 * cases, body.height - 1);
        int innermostEnd = body.code.size();
        for (int k = 0; k < cases; k++) {
            body.end().straight(10, 30); // case k after the end of block k
        }
        body.end().end();
        Region plan = body.plan(TARGET);
        List<Region> groups = plan.all().stream().filter(r -> r.closes > 0).toList();
        assertTrue(groups.size() >= cases * 300 / TARGET, groups.size() + " groups");
        assertEquals(innermostEnd + 1, groups.get(0).start, "the innermost end stays with the dispatch");
        assertEquals(cases - 1, groups.stream().mapToInt(r -> r.closes).sum(), "every other end is in a group");
        Region dispatch = plan.all().stream().filter(r -> r.children.containsAll(groups)).findFirst().orElseThrow();
        assertTrue(dispatch.start <= innermostEnd && innermostEnd < dispatch.end, "the dispatch calls every group");
        for (Region g : groups) {
            assertTrue(body.ownBytes(g) <= TARGET, "a group over the target: " + g);
        }
    }

    @Test
    void aGroupOfCasesKeepsInTheFrameTheLocalsItUsesOutsideItsLoops() {
        int cases = 40;
        int loopLocal = 99;
        Body body = new Body().open(Op.LOOP);
        for (int k = 0; k < cases; k++) {
            body.open(Op.BLOCK);
        }
        body.add(Op.I32_CONST, 2, body.height + 1, 0).add(Op.BR_TABLE, 13 + 4 * cases, body.height - 1);
        for (int k = 0; k < cases; k++) {
            body.end().localSet(k, 4).straight(10, 30); // case k writes local k
            if (k % 10 == 5) {
                body.open(Op.LOOP).localSet(loopLocal, 4).end(); // and a few write local 99 in a loop
            }
        }
        body.end().end();
        Region plan = body.plan(TARGET);
        List<Region> groups = plan.all().stream().filter(r -> r.closes > 0).toList();
        assertTrue(groups.size() >= 2, groups.size() + " groups");
        int withLoop = 0;
        for (Region g : groups) {
            BitSet expected = (BitSet) g.directUses.clone();
            expected.clear(loopLocal);
            assertEquals(expected, g.resident, "a group keeps in the frame what it uses outside loops: " + g);
            withLoop += g.directUses.get(loopLocal) ? 1 : 0;
        }
        assertTrue(withLoop > 0, "some group has the loop");
    }

    @Test
    void aLargeLoopOfAFunctionThatFitsGetsAMethodOfItsOwn() {
        Body body = new Body().straight(40, 20);
        int loopStart = body.code.size();
        body.open(Op.LOOP).straight(10, 20).open(Op.LOOP).straight(10, 20).end().calls(4).straight(10, 20).end();
        int loopEnd = body.code.size();
        body.straight(10, 20).end();
        assertTrue(body.bytes(0, body.code.size()) < Splitter.DEFAULT_TARGET, "the function fits one method");
        Region plan = Splitter.outlineLoops(body.code, body.profile());
        assertEquals(1, plan.all().size() - 1, "only the outer loop: " + plan.all());
        Region loop = plan.children.get(0);
        assertEquals(loopStart, loop.start);
        assertEquals(loopEnd, loop.end);
        assertEquals(0, loop.consumed);
    }

    @Test
    void smallLoopsAndLoopsThatAreNearlyTheWholeFunctionStay() {
        Body small = new Body().straight(60, 20).open(Op.LOOP).calls(4).straight(10, 20).end().end();
        assertEquals(null, Splitter.outlineLoops(small.code, small.profile()), "a loop C2 would inline back");
        Body whole = new Body().straight(10, 20).open(Op.LOOP).calls(4).straight(60, 20).end().end();
        assertEquals(null, Splitter.outlineLoops(whole.code, whole.profile()), "nothing around the loop to gain from");
        Body typed = new Body().straight(40, 20).add(Op.LOOP, 3, 0, 0).calls(4).straight(20, 20).end().end();
        assertEquals(null, Splitter.outlineLoops(typed.code, typed.profile()), "a loop that may take parameters");
        Body noCalls = new Body().straight(40, 20).open(Op.LOOP).calls(3).straight(20, 20).end().end();
        assertEquals(null, Splitter.outlineLoops(noCalls.code, noCalls.profile()), "too few calls to spend a budget");
    }
}
