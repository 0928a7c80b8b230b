package dev.wasm2jar.runtime;

/** What an import or export is. */
public enum ExternKind {
    FUNCTION, TABLE, MEMORY, GLOBAL, TAG;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
