package dev.wasm2jar.runtime.internal;

import dev.wasm2jar.runtime.Memory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;

/**
 * Whether any memory of this JVM has room past its size yet. Until one has, every array is exactly its memory and
 * compiled code needs no check beyond the array's own: {@link #size} answers {@link #NO_ROOM}, a constant C2 folds
 * (a {@link SwitchPoint}), so the size checks of compiled code vanish. The first memory given room invalidates the
 * switch, once: HotSpot deoptimizes the code that relied on it, and from then on {@link #size} is each memory's size.
 */
public final class MemoryRoom {
    private MemoryRoom() {}

    /** What {@link #size} answers while no memory has room: never a memory's size. */
    public static final int NO_ROOM = -1;

    private static final SwitchPoint NONE_YET = new SwitchPoint();
    private static final MethodHandle SIZE;

    static {
        try {
            MethodHandle byteSize = MethodHandles.lookup()
                    .findVirtual(Memory.class, "byteSize", MethodType.methodType(int.class));
            MethodHandle noRoom = MethodHandles.dropArguments(MethodHandles.constant(int.class, NO_ROOM), 0,
                    Memory.class);
            SIZE = NONE_YET.guardWithTest(noRoom, byteSize);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The memory's size in bytes, or {@link #NO_ROOM} while no memory has room (so its array is its size). */
    public static int size(Memory memory) {
        try {
            return (int) SIZE.invokeExact(memory);
        } catch (Throwable e) {
            throw new AssertionError(e); // byteSize throws nothing
        }
    }

    /** Called before a memory first gets room. */
    public static void open() {
        if (!NONE_YET.hasBeenInvalidated()) {
            SwitchPoint.invalidateAll(new SwitchPoint[] {NONE_YET});
        }
    }
}
