package dev.wasm2jar.compiler.internal.split;

import dev.wasm2jar.compiler.internal.model.BlockTypes;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Plans how a function too large for one JVM method is cut into parts, from a measurement of its unsplit
 * translation ({@link Profile}). Works bottom-up over the block structure: a block body whose code exceeds the target
 * is cut into runs of whole instructions and blocks, each run a part; when the calls to those parts are themselves
 * too many, runs of parts are grouped into parts again. Code that fits stays whole, so inner loops keep their speed.
 */
public final class Splitter {
    /** HotSpot does not compile methods larger than this ({@code -XX:HugeMethodLimit}). */
    public static final int METHOD_LIMIT = 8000;
    /** What planning aims for, leaving room for estimates that fall short. */
    public static final int DEFAULT_TARGET = 6000;
    /**
     * What planning aims for outside every loop. Code there runs once per call, so a part call costs little beside
     * it, while C2 takes minutes over a straight-line method of 6,000 bytes with many live values (RATIONALE.md,
     * "Parts outside loops are small"); inside a loop a part boundary is crossed on every iteration, so parts stay
     * large there.
     */
    public static final int OUTSIDE_LOOPS_TARGET = 1500;

    /**
     * A loop at least this large is outlined from a function that fits one method when at least
     * {@link #AROUND_LOOP_MINIMUM} bytes lie outside it: C2 never inlines a method this large back into its caller
     * ({@code -XX:FreqInlineSize}), so the loop is compiled on its own, with an inlining budget of its own.
     */
    public static final int LOOP_MINIMUM = 326;
    /**
     * Code outside a loop that makes the loop worth a method of its own. C2 inlines in bytecode order and stops at
     * 8,000 inlined bytes, so what a function inlines before its hot code spends the budget that code then misses
     * (RATIONALE.md, "Hot loops get methods of their own").
     */
    public static final int AROUND_LOOP_MINIMUM = 600;
    /**
     * Calls in a loop that make it worth a method of its own. Memory accesses are written out and inlined past C2's
     * budget, so what spends it is callees: inlined into a loop that runs before the function's hot code, they leave
     * that code none.
     */
    public static final int CALLS_IN_LOOP_MINIMUM = 4;

    /**
     * Nested void blocks at least this deep, each the first instruction of the one around it, are taken for a
     * {@code switch} lowered to a {@code br_table} (the cases follow the blocks' ends) and cut by cases.
     */
    public static final int CASE_CHAIN_MINIMUM = 8;
    /** Bytes an entry into a group of cases costs the method with the dispatch: a constant and a jump. */
    private static final int ENTRY_COST = 6;
    /** Bytes a {@code tableswitch} takes per target. */
    private static final int BR_TABLE_TARGET_COST = 4;

    /** Bytes a call of a part costs its caller, beside moving locals and operands. */
    private static final int CALL_COST = 64;
    /** Bytes to move one local or operand between a JVM local and the frame. */
    private static final int MOVE_COST = 8;

    /**
     * The unsplit translation, instruction by instruction: the code size before it, the operand stack height before
     * it, the lowest height while it runs (an add pops two below where it ends), and whether it is reachable. Arrays
     * have one entry per instruction plus one for the end; {@code references}, whether a reference was ever on the
     * operand stack.
     */
    public record Profile(int[] offsets, int[] heights, int[] lows, boolean[] reachable, int maxHeight,
            boolean references) {
        public int size() {
            return offsets[offsets.length - 1];
        }
    }

    /** A piece of a block body as planning sees it: an instruction, a whole block, or an already planned part. */
    private record Item(int start, int end, int cost, BitSet uses, BitSet writes) {}

    private final List<Instruction> code;
    private final Profile profile;
    private final int target;
    private final int[] match;
    private final int[] elses;
    /** Whether instruction {@code i} lies inside a loop of the function. */
    private final boolean[] inLoop;
    /** How many void blocks begin at each instruction, one right inside the other. */
    private final int[] chainDepth;
    private final List<Region> regions = new ArrayList<>();
    private final java.util.Set<Long> partKeys = new java.util.HashSet<>();

    private Splitter(List<Instruction> code, Profile profile, int target) {
        this.code = code;
        this.profile = profile;
        this.target = target;
        this.match = new int[code.size()];
        this.elses = new int[code.size()];
        this.inLoop = new boolean[code.size() + 1];
        this.chainDepth = new int[code.size() + 1];
        for (int i = code.size() - 1; i >= 0; i--) {
            Instruction in = code.get(i);
            chainDepth[i] = in.op() == Op.BLOCK && in.operands()[0] == BlockTypes.EMPTY ? chainDepth[i + 1] + 1 : 0;
        }
        java.util.Arrays.fill(elses, -1);
        Deque<Integer> open = new ArrayDeque<>();
        int loops = 0;
        for (int i = 0; i < code.size(); i++) {
            inLoop[i] = loops > 0;
            Op op = code.get(i).op();
            if (op == Op.BLOCK || op == Op.LOOP || op == Op.IF || op == Op.TRY_TABLE) {
                open.push(i);
                loops += op == Op.LOOP ? 1 : 0;
            } else if (op == Op.ELSE) {
                elses[open.peek()] = i;
            } else if (op == Op.END && !open.isEmpty()) {
                int start = open.pop();
                match[start] = i;
                loops -= code.get(start).op() == Op.LOOP ? 1 : 0;
            }
        }
    }

    /** The function's region (its whole body), with the parts cut from it. */
    public static Region plan(List<Instruction> code, Profile profile, int target) {
        Splitter s = new Splitter(code, profile, target);
        // The body runs to the function's final END, which stays in the function's method.
        s.planSequence(0, code.size() - 1, false);
        return s.tree();
    }

    /**
     * For a function that fits one method: each outermost loop of at least {@link #LOOP_MINIMUM} bytes and
     * {@link #CALLS_IN_LOOP_MINIMUM} calls, with at least {@link #AROUND_LOOP_MINIMUM} bytes of the function outside
     * it, becomes a part; so do sibling loop nests in an outermost loop that calls ({@link #outlineNests}); null when
     * no loop qualifies.
     */
    public static Region outlineLoops(List<Instruction> code, Profile profile) {
        Splitter s = new Splitter(code, profile, DEFAULT_TARGET);
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).op() != Op.LOOP || s.inLoop[i]) {
                continue;
            }
            int end = s.match[i] + 1;
            int bytes = s.bytes(i, end);
            // A loop typed by a type index may take parameters, which a part would have to take from below its
            // start even where the loop never pops them; compilers do not emit those for hot loops.
            boolean typeIndex = code.get(i).operands()[0] >= 0;
            if (bytes >= LOOP_MINIMUM && profile.size() - bytes >= AROUND_LOOP_MINIMUM && s.reachable(i)
                    && !typeIndex && calls(code, i, end) >= CALLS_IN_LOOP_MINIMUM) {
                s.part(List.of(s.planConstruct(i)), new ArrayList<>());
            } else if (calls(code, i, end) > 0) {
                s.outlineNests(i + 1, end - 1);
            }
            i = end - 1;
        }
        return s.regions.isEmpty() ? null : s.tree();
    }

    /**
     * Makes the loop nests ({@link #isLoopNest}) inside the body {@code [from, to)} of an outermost loop that calls
     * parts when there are two or more: sibling nests in a loop that calls are what a program's main loop looks like
     * (crunch: a hash, a sieve after a {@code memset} and an n-body step, each millions of iterations per turn),
     * compiled on stack replacement one nest at a time, each compilation taking in the code after its nest
     * unprofiled (RATIONALE.md, "Loops compiled on stack replacement"). A kernel's call-free outer loop keeps its
     * nests: outlined, {@code spectral_norm} ran 8% slower.
     */
    private void outlineNests(int from, int to) {
        List<Integer> nests = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (code.get(i).op() == Op.LOOP && isLoopNest(i)) {
                nests.add(i);
                i = match[i];
            }
        }
        if (nests.size() >= 2) {
            for (int nest : nests) {
                part(List.of(planConstruct(nest)), new ArrayList<>());
            }
        }
    }

    private static int calls(List<Instruction> code, int from, int to) {
        int calls = 0;
        for (int i = from; i < to; i++) {
            calls += code.get(i).op().family() == Op.Family.CALL ? 1 : 0;
        }
        return calls;
    }

    /** Plans the block body {@code [from, to)} and returns what it costs the method that contains it. */
    private Item planSequence(int from, int to, boolean force) {
        return cut(items(from, to), from, to, force, new ArrayList<>());
    }

    /** The items of the block body {@code [from, to)}, with every block inside it planned already. */
    private List<Item> items(int from, int to) {
        List<Item> items = new ArrayList<>();
        int i = from;
        while (i < to) {
            Op op = code.get(i).op();
            if (isCaseChain(i)) {
                items.add(planCases(i));
                i = match[i] + 1;
            } else if (op == Op.LOOP && isLoopNest(i)) {
                items.add(part(List.of(planConstruct(i)), new ArrayList<>()));
                i = match[i] + 1;
            } else if (op == Op.BLOCK || op == Op.LOOP || op == Op.IF || op == Op.TRY_TABLE) {
                items.add(planConstruct(i));
                i = match[i] + 1;
            } else {
                items.add(instruction(i));
                i++;
            }
        }
        return items;
    }

    /**
     * Whether the loop at {@code start} of a function being split is a nest that gets a method of its own: a loop
     * around another loop, of at least {@link #LOOP_MINIMUM} bytes, that calls nothing (a computation, not a
     * dispatch). Such a nest runs long once entered, so HotSpot compiles it on stack replacement from one of its
     * inner loops; in a method with more code after the nest, that compilation takes in everything after it too,
     * unprofiled, and deoptimizes where the nest ends (RATIONALE.md, "Loops compiled on stack replacement").
     */
    private boolean isLoopNest(int start) {
        int end = match[start];
        if (bytes(start, end + 1) < LOOP_MINIMUM || !reachable(start) || code.get(start).operands()[0] >= 0
                || calls(code, start, end) > 0) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            if (code.get(i).op() == Op.LOOP) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the blocks at {@code start} are a switch to cut by cases: deep enough, too large for one method, and
     * shallow enough that the dispatch's jumps into the groups fit the method around them (a deeper nest is cut as
     * blocks down to where it is not).
     */
    private boolean isCaseChain(int start) {
        int depth = chainDepth[start];
        return depth >= CASE_CHAIN_MINIMUM && depth * (ENTRY_COST + BR_TABLE_TARGET_COST) <= targetAt(start)
                && reachable(start) && bytes(start, match[start] + 1) > targetAt(start);
    }

    /**
     * Plans a {@code switch}: the nest of blocks whose ends its {@code br_table} jumps to, each case the code after
     * an end. Cut like any block body, the nest would become a chain of parts each calling the next, so every
     * dispatch would go down the whole chain and back up to its case (QuickJS's interpreter: 20 methods deep per
     * opcode). Instead the nest and the dispatch stay in the method around them, and consecutive cases are grouped
     * into parts that span the blocks' ends ({@link Region#closes}): a dispatch is one call, entering its group just
     * after the end it jumps to.
     */
    private Item planCases(int first) {
        int innermost = first + chainDepth[first] - 1;
        int dispatchEnd = match[innermost];
        Item dispatch = planSequence(innermost + 1, dispatchEnd, false);
        int cost = dispatch.cost() + bytes(first, innermost + 1) + bytes(dispatchEnd, dispatchEnd + 1);
        BitSet uses = (BitSet) dispatch.uses().clone();
        BitSet writes = (BitSet) dispatch.writes().clone();
        int groupStart = dispatchEnd + 1;
        int groupCost = 0;
        int closes = 0;
        BitSet groupUses = new BitSet();
        BitSet groupWrites = new BitSet();
        for (int block = innermost - 1; block >= first; block--) {
            int from = match[block + 1] + 1;
            int to = match[block];
            Item tail = planSequence(from, to, false);
            int tailCost = tail.cost() + bytes(to, to + 1);
            if (closes > 0 && groupCost + tailCost > targetAt(from)) {
                uses.or(groupUses);
                writes.or(groupWrites);
                cost += group(groupStart, from, closes, groupUses, groupWrites);
                groupStart = from;
                groupCost = 0;
                closes = 0;
                groupUses = new BitSet();
                groupWrites = new BitSet();
            }
            groupCost += tailCost;
            closes++;
            groupUses.or(tail.uses());
            groupWrites.or(tail.writes());
        }
        uses.or(groupUses);
        writes.or(groupWrites);
        cost += group(groupStart, match[first] + 1, closes, groupUses, groupWrites);
        return new Item(first, match[first] + 1, cost, uses, writes);
    }

    /** Makes the cases {@code [start, end)}, ending {@code closes} blocks, a part; returns what calling it costs. */
    private int group(int start, int end, int closes, BitSet uses, BitSet writes) {
        Region region = new Region(start, end, 0, closes);
        region.uses.or(uses);
        region.writes.or(writes);
        regions.add(region);
        partKeys.add(key(start, end));
        return CALL_COST + MOVE_COST * (uses.cardinality() + writes.cardinality()) + ENTRY_COST * closes;
    }

    private Item planConstruct(int start) {
        int end = match[start];
        int elseAt = elses[start];
        int own = bytes(start, start + 1) + bytes(end, end + 1) + (elseAt >= 0 ? bytes(elseAt, elseAt + 1) : 0);
        int firstEnd = elseAt >= 0 ? elseAt : end;
        List<Item> firstItems = items(start + 1, firstEnd);
        List<Item> secondItems = elseAt >= 0 ? items(elseAt + 1, end) : null;
        List<Region> made = new ArrayList<>();
        Item first = cut(firstItems, start + 1, firstEnd, false, made);
        Item second = secondItems == null ? null : cut(secondItems, elseAt + 1, end, false, made);
        int cost = own + first.cost() + (second == null ? 0 : second.cost());
        if (cost > targetAt(start)) {
            // Each arm fits, both together do not: cut the arms harder.
            regions.removeAll(made);
            made.forEach(r -> partKeys.remove(key(r.start, r.end)));
            first = cut(firstItems, start + 1, firstEnd, true, made);
            second = secondItems == null ? null : cut(secondItems, elseAt + 1, end, true, made);
            cost = own + first.cost() + (second == null ? 0 : second.cost());
        }
        BitSet uses = (BitSet) first.uses().clone();
        BitSet writes = (BitSet) first.writes().clone();
        if (second != null) {
            uses.or(second.uses());
            writes.or(second.writes());
        }
        return new Item(start, end + 1, cost, uses, writes);
    }

    private Item instruction(int i) {
        BitSet uses = new BitSet();
        BitSet writes = new BitSet();
        Instruction in = code.get(i);
        switch (in.op()) {
            case LOCAL_GET -> uses.set(in.intOperand(0));
            case LOCAL_SET, LOCAL_TEE -> {
                uses.set(in.intOperand(0));
                writes.set(in.intOperand(0));
            }
            default -> { }
        }
        return new Item(i, i + 1, bytes(i, i + 1), uses, writes);
    }

    /**
     * Cuts {@code items} into parts until they fit the target (or, forced, whenever there is more than one part's
     * worth of overhead to gain), and returns the body as one item of its cost in the containing method.
     */
    private Item cut(List<Item> items, int from, int to, boolean force, List<Region> made) {
        int target = targetAt(from);
        while (total(items) > (force ? CALL_COST * 4 : target) && items.size() > 1) {
            List<Item> grouped = new ArrayList<>();
            List<Item> run = new ArrayList<>();
            BitSet runUses = new BitSet();
            int runCost = 0;
            for (Item item : items) {
                if (!run.isEmpty() && runCost + item.cost() + moves(runUses, item) > target && reachable(item.start())) {
                    grouped.add(part(run, made));
                    run = new ArrayList<>();
                    runUses = new BitSet();
                    runCost = 0;
                }
                run.add(item);
                runUses.or(item.uses());
                runCost += item.cost();
            }
            grouped.add(part(run, made));
            if (grouped.size() >= items.size()) {
                break; // nothing left to gain
            }
            items = grouped;
            force = false;
        }
        BitSet uses = new BitSet();
        BitSet writes = new BitSet();
        for (Item item : items) {
            uses.or(item.uses());
            writes.or(item.writes());
        }
        return new Item(from, to, total(items), uses, writes);
    }

    /** The size parts aim for in a block body that starts at instruction {@code index}. */
    private int targetAt(int index) {
        return inLoop[index] ? target : Math.min(target, OUTSIDE_LOOPS_TARGET);
    }

    /** Makes {@code run} a part, unless it is a single planned part already or too small to be worth a call. */
    private Item part(List<Item> run, List<Region> made) {
        if (run.size() == 1 && isPart(run.get(0))) {
            return run.get(0);
        }
        int start = run.get(0).start();
        int end = run.get(run.size() - 1).end();
        BitSet uses = new BitSet();
        BitSet writes = new BitSet();
        int cost = 0;
        for (Item item : run) {
            uses.or(item.uses());
            writes.or(item.writes());
            cost += item.cost();
        }
        if (cost < CALL_COST * 2 || !reachable(start)) {
            return new Item(start, end, cost, uses, writes);
        }
        int consumed = consumed(start, end);
        Region region = new Region(start, end, consumed);
        region.uses.or(uses);
        region.writes.or(writes);
        regions.add(region);
        made.add(region);
        partKeys.add(key(start, end));
        int produced = reachable(end) ? profile.heights()[end] - (profile.heights()[start] - consumed) : 0;
        int callCost = CALL_COST + MOVE_COST * (consumed + produced + uses.cardinality() + writes.cardinality());
        return new Item(start, end, callCost, uses, writes);
    }

    private boolean isPart(Item item) {
        return partKeys.contains(key(item.start(), item.end()));
    }

    private static long key(int start, int end) {
        return ((long) start << 32) | end;
    }

    /** Bytes to load and store the locals a run would use with {@code next} added. */
    private static int moves(BitSet runUses, Item next) {
        BitSet uses = (BitSet) runUses.clone();
        uses.or(next.uses());
        return MOVE_COST * 2 * uses.cardinality();
    }

    /** How many operands from below {@code start} the run pops: its start height less its lowest height. */
    private int consumed(int start, int end) {
        int low = profile.heights()[start];
        for (int i = start; i < end; i++) {
            if (profile.reachable()[i]) {
                low = Math.min(low, profile.lows()[i]);
            }
        }
        return profile.heights()[start] - low;
    }

    private boolean reachable(int index) {
        return profile.reachable()[index];
    }

    private int bytes(int from, int to) {
        return profile.offsets()[to] - profile.offsets()[from];
    }

    private static int total(List<Item> items) {
        int sum = 0;
        for (Item item : items) {
            sum += item.cost();
        }
        return sum;
    }

    /** Nests the planned parts by containment under the function's region, with their local sets. */
    private Region tree() {
        Region root = Region.whole(code.size());
        regions.sort(Comparator.comparingInt((Region r) -> r.start).thenComparingInt(r -> -r.end));
        Deque<Region> open = new ArrayDeque<>();
        open.push(root);
        for (Region r : regions) {
            while (open.peek() != root && open.peek().end <= r.start) {
                open.pop();
            }
            open.peek().children.add(r);
            open.push(r);
        }
        for (Region r : root.all()) {
            directSets(r);
            if (r.children.stream().anyMatch(c -> c.closes > 0)) {
                r.children.forEach(c -> r.resident.or(c.uses));
            }
            if (r.closes > 0) {
                // A dispatch enters a group of cases to run one of them (and what it falls into), which uses a
                // few of the locals the whole group uses: those stay in the frame, read and written where the
                // case does, rather than all loaded at every entry and written back at every exit. Locals used
                // in a loop inside the group are still loaded once.
                BitSet inLoops = new BitSet();
                localsInLoops(r, inLoops);
                r.resident.or(r.directUses);
                r.resident.andNot(inLoops);
            }
        }
        return root;
    }

    /** Adds to {@code out} the locals that a region's own instructions inside its own loops read or write. */
    private void localsInLoops(Region r, BitSet out) {
        Deque<Integer> loopEnds = new ArrayDeque<>();
        int childIndex = 0;
        int i = r.start;
        while (i < r.end) {
            if (childIndex < r.children.size() && r.children.get(childIndex).start == i) {
                i = r.children.get(childIndex++).end;
                continue;
            }
            while (!loopEnds.isEmpty() && loopEnds.peek() < i) {
                loopEnds.pop();
            }
            Instruction in = code.get(i);
            switch (in.op()) {
                case LOOP -> loopEnds.push(match[i]);
                case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> {
                    if (!loopEnds.isEmpty()) {
                        out.set(in.intOperand(0));
                    }
                }
                default -> { }
            }
            i++;
        }
    }

    /** The locals a region's own instructions (outside its parts) use and write. */
    private void directSets(Region r) {
        int i = r.start;
        int childIndex = 0;
        while (i < r.end) {
            if (childIndex < r.children.size() && r.children.get(childIndex).start == i) {
                i = r.children.get(childIndex++).end;
                continue;
            }
            Instruction in = code.get(i);
            switch (in.op()) {
                case LOCAL_GET -> r.directUses.set(in.intOperand(0));
                case LOCAL_SET, LOCAL_TEE -> {
                    r.directUses.set(in.intOperand(0));
                    r.directWrites.set(in.intOperand(0));
                }
                default -> { }
            }
            i++;
        }
    }
}
