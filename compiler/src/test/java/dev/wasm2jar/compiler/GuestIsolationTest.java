package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.StoppedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guests in one JVM, one of them stopped: by its deadline, by the host from another thread, by its fuel or its call
 * depth. The others, instances of the same module class among them, finish with the right answers, during and after.
 */
class GuestIsolationTest {
    private static Module module;

    @BeforeAll
    static void compile() throws Exception {
        byte[] wasm = TextFormat.assemble(Path.of("src/test/resources/limits/guest.wat"));
        module = Compiler.compile(wasm, new CompilerOptions("isolation.Guest").withMetering(true)).load();
    }

    /** Runs {@code call} on a thread of its own; the future holds its result or what it threw. */
    private static CompletableFuture<Object> onThread(java.util.function.Supplier<Object> call) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "guest");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static Throwable failure(CompletableFuture<Object> future) throws InterruptedException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.MINUTES));
        return e.getCause();
    }

    @Test
    void aGuestLoopingForeverIsStoppedByItsDeadlineWhileAnotherFinishes() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Instance looping = LimitsTest.instantiate(module, Limits.NONE.withDeadline(Duration.ofMillis(500)),
                running::countDown);
        Instance working = LimitsTest.instantiate(module, Limits.NONE.withDeadline(Duration.ofMinutes(10)));
        CompletableFuture<Object> loop = onThread(() -> looping.function("spin").call());
        // The deadline counts from instantiation: on a loaded machine it can pass before the thread first polls,
        // and then the guest stops before it says it runs. Either way it must stop with DEADLINE, below.
        long waitUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!running.await(50, TimeUnit.MILLISECONDS) && !loop.isDone()) {
            assertTrue(System.nanoTime() < waitUntil, "the looping guest neither ran nor stopped in 5 minutes");
        }

        CompletableFuture<Object> work = onThread(() -> working.function("fib").call(27L)[0]);
        assertEquals(196418L, work.get(5, TimeUnit.MINUTES));

        StoppedException stopped = assertInstanceOf(StoppedException.class, failure(loop));
        assertEquals(StoppedException.Reason.DEADLINE, stopped.reason());
        assertEquals(832040L, working.function("fib").call(30L)[0], "after the other was stopped");
        assertEquals(4000, LimitsTest.instantiate(module, Limits.NONE).function("count").call(4000)[0]);
    }

    @Test
    void theHostInterruptsARunningGuestFromAnotherThread() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        Instance looping = LimitsTest.instantiate(module, Limits.NONE, running::countDown);
        Instance recursing = LimitsTest.instantiate(module, Limits.NONE, running::countDown);
        Instance other = LimitsTest.instantiate(module, Limits.NONE);
        CompletableFuture<Object> loop = onThread(() -> looping.function("spin").call());
        CompletableFuture<Object> recursion = onThread(() -> recursing.function("startedFib").call(60L));
        assertTrue(running.await(5, TimeUnit.MINUTES));

        looping.interrupt();
        StoppedException stopped = assertInstanceOf(StoppedException.class, failure(loop));
        assertEquals(StoppedException.Reason.INTERRUPTED, stopped.reason());
        assertEquals("interrupted", stopped.getMessage());
        assertFalse(recursion.isDone(), "fib(60) takes years, and only the other instance was interrupted");
        assertEquals(832040L, other.function("fib").call(30L)[0]);

        recursing.interrupt(); // a recursion without loops stops at its next call
        assertEquals(StoppedException.Reason.INTERRUPTED,
                assertInstanceOf(StoppedException.class, failure(recursion)).reason());
        assertThrows(StoppedException.class, () -> looping.function("count").call(1), "it stays stopped");
        assertEquals(832040L, other.function("fib").call(30L)[0]);
    }

    @Test
    void exhaustedFuelAndCallDepthStayWithTheirInstance() {
        Instance hungry = LimitsTest.instantiate(module, Limits.NONE.withFuel(50));
        Instance deep = LimitsTest.instantiate(module, Limits.NONE.withMaxCallDepth(50));
        Instance free = LimitsTest.instantiate(module, Limits.NONE);
        assertThrows(StoppedException.class, () -> hungry.function("count").call(1000));
        assertThrows(ExhaustionException.class, () -> deep.function("bottomless").call(0));
        assertEquals(1000, free.function("count").call(1000)[0]);
        assertEquals(1000, free.function("depth").call(1000)[0]);
        assertEquals(40, deep.function("depth").call(40)[0]);
    }
}
