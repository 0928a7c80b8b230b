package dev.wasm2jar.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WasmFunctionTest {
    private static final FunctionType I32_TO_I32 = FunctionType.parse("i:i");

    static int twice(int x) {
        return 2 * x;
    }

    @Test
    void aLazyFunctionMakesItsHandleAtTheFirstUseOnlyAndAdaptsIt() throws Throwable {
        AtomicInteger made = new AtomicInteger();
        WasmFunction f = WasmFunction.lazy(I32_TO_I32, "twice", () -> {
            made.incrementAndGet();
            try {
                // (Integer)int: adapted to the exact (int)int of the type, as of() adapts
                return MethodHandles.lookup().findStatic(WasmFunctionTest.class, "twice",
                        MethodType.methodType(int.class, int.class)).asType(
                                MethodType.methodType(int.class, Integer.class));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, made.get());
        assertEquals("twice: " + I32_TO_I32, f.toString());
        MethodHandle h = f.handle();
        assertEquals(I32_TO_I32.methodType(), h.type());
        assertEquals(42, (int) h.invokeExact(21));
        assertArrayEquals(new Object[] {8}, f.call(4));
        assertSame(h, f.handle());
        assertEquals(1, made.get());
    }
}
