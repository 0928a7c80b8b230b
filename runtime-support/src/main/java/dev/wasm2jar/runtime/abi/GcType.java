package dev.wasm2jar.runtime.abi;

/**
 * A defined type of the GC proposal (a function, struct or array type) in canonical form: two modules that define
 * the same recursion group get the same objects ({@link GcTypes}), so that a value made by one passes the other's
 * casts as the spec's iso-recursive type equivalence says. Subtyping is a check of the supertype chain, kept as an
 * array indexed by depth (a "display"): {@code a <: b} when {@code a.supertypes[b.depth] == b}, one load and one
 * comparison.
 */
public final class GcType {
    /** The binary format's codes of the kinds of definition. */
    public static final int FUNC = 0x60;
    public static final int STRUCT = 0x5F;
    public static final int ARRAY = 0x5E;
    /** The binary format's codes of the packed storage types. */
    public static final int I8 = 0x78;
    public static final int I16 = 0x77;

    private final int id;
    private final int kind;
    private final boolean isFinal;
    /** The supertypes from the root down to this type itself, at {@link #depth}. */
    private final GcType[] supertypes;
    private final int depth;
    /** An array type's element storage: a value type's code ({@code 0x7F} i32 ... {@code 0x63} references), or I8, I16. */
    private final int element;

    GcType(int id, int kind, boolean isFinal, GcType supertype, int element) {
        this.id = id;
        this.kind = kind;
        this.isFinal = isFinal;
        this.element = element;
        this.depth = supertype == null ? 0 : supertype.depth + 1;
        this.supertypes = new GcType[depth + 1];
        if (supertype != null) {
            System.arraycopy(supertype.supertypes, 0, supertypes, 0, depth);
        }
        supertypes[depth] = this;
    }

    /** {@link #FUNC}, {@link #STRUCT} or {@link #ARRAY}. */
    public int kind() {
        return kind;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /** An array type's element storage type code ({@link #I8}, {@link #I16}, or a value type's code); 0 otherwise. */
    public int element() {
        return element;
    }

    /** A number that tells canonical types apart within this JVM. */
    public int id() {
        return id;
    }

    /** Whether this type is {@code other} or one of its declared subtypes, directly or not. */
    public boolean isSubtypeOf(GcType other) {
        return other.depth <= depth && supertypes[other.depth] == other;
    }

    @Override
    public String toString() {
        return (kind == FUNC ? "func" : kind == STRUCT ? "struct" : "array") + "#" + id;
    }
}
