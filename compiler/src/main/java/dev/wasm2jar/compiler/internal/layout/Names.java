package dev.wasm2jar.compiler.internal.layout;

/** The names of the fields and methods of a generated module class. One place, so the parts agree. */
public final class Names {
    private Names() {}

    public static final String LINK = "link";

    public static String memory(int index) {
        return "memory" + index;
    }

    public static String table(int index) {
        return "table" + index;
    }

    /** A global private to the module: a primitive or reference field. */
    public static String global(int index) {
        return "global" + index;
    }

    /** The method handle of an imported function. */
    public static String importHandle(int index) {
        return "import" + index;
    }

    /** The static stub that calls an imported function through its handle. */
    public static String importStub(int index) {
        return "callImport" + index;
    }

    /** The instance's count of tail calls since the last unwinding (RATIONALE.md, "Tail calls"). */
    public static final String TAIL_DEPTH = "tailDepth";
    /** The module class's static {@code GcType[]}: the canonical types of a module with GC types, by index. */
    public static final String GC_TYPES = "gcTypes";

    /** A struct field: {@code f0}, {@code f1} ... */
    public static String field(int index) {
        return "f" + index;
    }

    public static String tailCallIndirectStub(int typeIndex, int table) {
        return "returnCallIndirect" + typeIndex + "_" + table;
    }

    public static String tailCallRefStub(int typeIndex) {
        return "returnCallRef" + typeIndex;
    }

    public static String callRefStub(int typeIndex) {
        return "callRef" + typeIndex;
    }

    /** The static stub behind {@code call_indirect} of one type through one table. */
    public static String callIndirectStub(int typeIndex, int table) {
        return "callIndirect" + typeIndex + "_" + table;
    }

    /** The module class's method that only calls function {@code index}: a case of a {@code callIndirect} stub. */
    public static String directCall(int index) {
        return "direct" + index;
    }

    /** The static FunctionType constant of one type index. */
    public static String typeConstant(int typeIndex) {
        return "TYPE" + typeIndex;
    }

    /**
     * The method of a defined function: {@code f<index>}, with the name section's name when there is one, so
     * profilers and stack traces show it.
     */
    public static String function(int index, String name) {
        if (name == null || name.isEmpty()) {
            return "f" + index;
        }
        StringBuilder sb = new StringBuilder("f").append(index).append('_');
        for (int i = 0; i < name.length() && sb.length() < 120; i++) {
            char c = name.charAt(i);
            sb.append(Character.isJavaIdentifierPart(c) && c != '$' ? c : '_');
        }
        return sb.toString();
    }
}
