package dev.wasm2jar.nn.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a guest names by u32 handles (graphs, contexts, sessions), as WasmEdge's resource table does it:
 * handles count up from 0 and are never reused, so a stale handle stops resolving instead of naming a newer object.
 */
public final class Handles<T extends AutoCloseable> {
    private final Map<Integer, T> objects = new HashMap<>();
    private long next;

    /** The handle of {@code object}, newly added; -1 once the 2^32 - 1 handles are spent. */
    public synchronized int add(T object) {
        if (next == 0xFFFF_FFFFL) {
            return -1;
        }
        int handle = (int) next++;
        objects.put(handle, object);
        return handle;
    }

    /** The object of {@code handle}, or null. */
    public synchronized T get(int handle) {
        return objects.get(handle);
    }

    /** Removes {@code handle}; returns its object, or null when it named none. */
    public synchronized T remove(int handle) {
        return objects.remove(handle);
    }

    /** Closes and forgets every object. */
    public void closeAll() {
        List<T> all;
        synchronized (this) {
            all = new ArrayList<>(objects.values());
            objects.clear();
        }
        for (T object : all) {
            try {
                object.close();
            } catch (Exception e) {
                // closing native objects does not fail; nothing to report at shutdown
            }
        }
    }
}
