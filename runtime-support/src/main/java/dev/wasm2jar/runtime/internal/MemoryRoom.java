package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.Memory;

/**
 * Whether any memory of this JVM has room past its size yet. Until one has, every array is exactly its memory and
 * compiled code needs no check beyond the array's own: {@link #size} answers {@link #NO_ROOM}, and C2 folds that to a
 * constant, so the size checks of compiled code vanish. It can because {@code NoRoom} is then the only loaded
 * implementation of {@code Sizes}: C2 inlines it on that assumption (class hierarchy analysis). The first memory
 * given room loads the second implementation, which makes HotSpot deoptimize the code that relied on the first, once;
 * from then on {@link #size} is each memory's size. (A {@code SwitchPoint} does the same, but building its method
 * handles cost 17 ms of CPU at the start of every program with a memory that can grow.)
 */
public final class MemoryRoom {
    private MemoryRoom() {}

    /** What {@link #size} answers while no memory has room: never a memory's size. */
    public static final int NO_ROOM = -1;

    /*
     * The methods are public: C2 binds a package-private method by class hierarchy analysis only for callers that
     * could see it, and compiled modules call size from classes of other loaders. Package-private, it stayed a
     * virtual call ("no static binding" in -XX:+PrintInlining) in every module's code, at every function entry and
     * after every call, and the size checks did not fold (RATIONALE.md, "Loops with an invariant stride").
     */
    private abstract static class Sizes {
        public abstract int size(Memory memory);
    }

    private static final class NoRoom extends Sizes {
        @Override
        public int size(Memory memory) {
            return NO_ROOM;
        }
    }

    private static final class Exact extends Sizes {
        /** Typed as {@code Sizes}, so that verifying {@link #open} does not load this class before it runs. */
        static Sizes create() {
            return new Exact();
        }

        @Override
        public int size(Memory memory) {
            return memory.byteSize();
        }
    }

    private static volatile Sizes sizes = new NoRoom();

    /** The memory's size in bytes, or {@link #NO_ROOM} while no memory has room (so its array is its size). */
    public static int size(Memory memory) {
        return sizes.size(memory);
    }

    /** Called before a memory first gets room. */
    public static synchronized void open() {
        if (sizes instanceof NoRoom) {
            sizes = Exact.create();
        }
    }
}
