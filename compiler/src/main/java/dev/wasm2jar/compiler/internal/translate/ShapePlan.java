package dev.wasm2jar.compiler.internal.translate;

/**
 * The {@link Shape} each {@code v128} local is kept in. A function with vector locals is translated twice: the first
 * time, into nothing, with every local canonical, counting for each local the shapes its readers want and its writers
 * give; the second time each local takes the shape with the most votes ({@link Shape#L2} on a tie). A loop that
 * accumulates f32x4 sums in a local so keeps four floats in four registers, with no conversion per iteration.
 */
final class ShapePlan {
    private final Shape[] shapes;
    private final int[][] votes;

    private ShapePlan(Shape[] shapes, int[][] votes) {
        this.shapes = shapes;
        this.votes = votes;
    }

    /** Every local canonical; records nothing. */
    static ShapePlan canonical() {
        return new ShapePlan(null, null);
    }

    /** Every local canonical, counting votes for {@link #decide}. */
    static ShapePlan survey(int locals) {
        return new ShapePlan(null, new int[locals][Shape.values().length]);
    }

    Shape localShape(int local) {
        return shapes == null ? Shape.L2 : shapes[local];
    }

    /** A reader of {@code local} (or of no local, when -1) wants it in {@code shape}. */
    void wanted(int local, Shape shape) {
        if (votes != null && local >= 0) {
            votes[local][shape.ordinal()]++;
        }
    }

    /** A value in {@code shape} is stored into {@code local}. */
    void produced(int local, Shape shape) {
        wanted(local, shape);
    }

    /** The plan the votes make. */
    ShapePlan decide() {
        Shape[] out = new Shape[votes.length];
        for (int i = 0; i < out.length; i++) {
            Shape best = Shape.L2;
            for (Shape s : Shape.values()) {
                if (votes[i][s.ordinal()] > votes[i][best.ordinal()]) {
                    best = s;
                }
            }
            out[i] = best;
        }
        return new ShapePlan(out, null);
    }
}
