package dev.wasm2jar.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.Memory;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class MemoryRoomTest {
    /**
     * C2 inlines {@code Sizes.size} into compiled modules, whose classes come from other class loaders, by class
     * hierarchy analysis only when the method is public; a package-private one stays a virtual call there.
     */
    @Test
    void theSizesAreBoundByClassHierarchyAnalysisFromOtherLoaders() throws ReflectiveOperationException {
        int checked = 0;
        for (Class<?> nested : MemoryRoom.class.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Sizes") || nested.getSuperclass().getSimpleName().equals("Sizes")) {
                int modifiers = nested.getDeclaredMethod("size", Memory.class).getModifiers();
                assertTrue(Modifier.isPublic(modifiers), nested.getName());
                checked++;
            }
        }
        assertEquals(3, checked); // Sizes, NoRoom, Exact
    }
}
