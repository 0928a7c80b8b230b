package dev.wasm2jar.compiler.internal.translate;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@link Shape} each vector value of a function is kept in: each {@code v128} local, and the result of each SIMD
 * instruction (a "producer", by its index in the body).
 *
 * <p>A function with vectors is translated twice. The first time, into nothing, locals are canonical and results
 * in their instruction's natural shape, and this plan records two things: votes, when an instruction that cares reads
 * a value in some shape or makes one in its natural shape (a vote inside a loop counts four times as much per level
 * of nesting); and links between values that should share a shape because one flows into the other — a value stored
 * into a local, the operands and result of an instruction that works in any shape (bitwise operations, shuffles of
 * whole lanes, select). Linked values form groups (union-find), and the second translation keeps every member of a
 * group in the shape with the group's most votes ({@link Shape#L2} on a tie, or when nobody voted). A loop that
 * accumulates f32x4 sums in a local so keeps four floats in four registers, and loads the vectors it multiplies as
 * four floats, with no conversion per iteration.
 */
final class ShapePlan {
    private final int locals;
    private final Map<Integer, Shape> shapes;
    private final Map<Integer, int[]> votes;
    private final Map<Integer, Integer> parents;

    private ShapePlan(int locals, Map<Integer, Shape> shapes, boolean recording) {
        this.locals = locals;
        this.shapes = shapes;
        this.votes = recording ? new HashMap<>() : null;
        this.parents = recording ? new HashMap<>() : null;
    }

    /** Locals canonical, results in their natural shapes; records nothing. */
    static ShapePlan canonical() {
        return new ShapePlan(0, Map.of(), false);
    }

    /** Locals canonical, results in their natural shapes, recording votes and links for {@link #decide}. */
    static ShapePlan survey(int locals) {
        return new ShapePlan(locals, Map.of(), true);
    }

    /** The value a stack entry holds, as a node of the plan: its local when it aliases one, else its producer. */
    int node(int alias, int producer) {
        return alias >= 0 ? alias : producer >= 0 ? locals + producer : -1;
    }

    int localNode(int local) {
        return local;
    }

    int producerNode(int instruction) {
        return locals + instruction;
    }

    Shape localShape(int local) {
        return shapes.getOrDefault(localNode(local), Shape.L2);
    }

    /** The shape for the result of {@code instruction}, or null when the plan has none. */
    Shape producerShape(int instruction) {
        return shapes.get(producerNode(instruction));
    }

    /** {@code node} is read or made in {@code shape} by an instruction at loop depth {@code depth}. */
    void vote(int node, Shape shape, int depth) {
        if (votes != null && node >= 0) {
            votes.computeIfAbsent(node, n -> new int[Shape.values().length])[shape.ordinal()]
                    += 1 << 2 * Math.min(depth, 6);
        }
    }

    /** {@code a} and {@code b} should share a shape. */
    void link(int a, int b) {
        if (parents != null && a >= 0 && b >= 0) {
            parents.put(find(a), find(b));
        }
    }

    private int find(int node) {
        int root = node;
        while (parents.getOrDefault(root, root) != root) {
            root = parents.get(root);
        }
        parents.put(node, root);
        return root;
    }

    /** The plan the votes and links make. */
    ShapePlan decide() {
        Map<Integer, int[]> groupVotes = new HashMap<>();
        votes.forEach((node, v) -> {
            int[] sum = groupVotes.computeIfAbsent(find(node), n -> new int[Shape.values().length]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        });
        Map<Integer, Shape> out = new HashMap<>();
        java.util.Set<Integer> nodes = new java.util.HashSet<>(votes.keySet());
        nodes.addAll(parents.keySet());
        for (int node : nodes) {
            int[] v = groupVotes.get(find(node));
            if (v != null) {
                out.put(node, best(v));
            }
        }
        return new ShapePlan(locals, out, false);
    }

    private static Shape best(int[] votes) {
        Shape best = Shape.L2;
        for (Shape s : Shape.values()) {
            if (votes[s.ordinal()] > votes[best.ordinal()]) {
                best = s;
            }
        }
        return best;
    }
}
