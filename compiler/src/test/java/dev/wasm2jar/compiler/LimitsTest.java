package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Limits;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.StoppedException;
import dev.wasm2jar.runtime.UninstantiableException;
import dev.wasm2jar.runtime.WasmFunction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each limit of {@link Limits} on a guest of loops and recursion ({@code limits/guest.wat}): what stops it, with which
 * trap, and that what stays within the limit runs to its right answer. No test measures time: a deadline test only
 * waits for the trap.
 */
class LimitsTest {
    private static byte[] wasm;
    private static Module metered;
    private static Module plain;

    @BeforeAll
    static void compile() throws Exception {
        assertTrue(TextFormat.available(), "wabt's wat2wasm (bin/setup installs it)");
        wasm = TextFormat.assemble(Path.of("src/test/resources/limits/guest.wat"));
        metered = Compiler.compile(wasm, new CompilerOptions("limits.Metered").withMetering(true)).load();
        plain = Compiler.compile(wasm, new CompilerOptions("limits.Plain")).load();
    }

    static Instance instantiate(Module module, Limits limits) {
        return instantiate(module, limits, () -> { });
    }

    /** An instance whose import {@code host.started} runs {@code started}. */
    static Instance instantiate(Module module, Limits limits, Runnable started) {
        WasmFunction hook = WasmFunction.host(FunctionType.parse(":"), "started", args -> {
            started.run();
            return new Object[0];
        });
        return module.instantiate(List.of(hook), limits);
    }

    @Test
    void memoryGrowsUpToTheLimitAndAnswersMinusOneBeyondIt() {
        for (Module module : List.of(plain, metered)) { // no metering needed
            Instance guest = instantiate(module, Limits.NONE.withMaxMemoryPages(5));
            WasmFunction grow = guest.function("grow");
            assertEquals(2, grow.call(3)[0]);
            assertEquals(-1, grow.call(1)[0]);
            assertEquals(5, guest.memory("memory").pages());
            assertEquals(5, grow.call(0)[0]);
            assertEquals(2, instantiate(module, Limits.NONE).function("grow").call(4)[0], "no limit: no limit");
        }
    }

    @Test
    void memoryGrownPageByPageStopsAtTheLimitToo() {
        // Past a few growths a memory keeps room to grow into; the room must not reach past the limit either.
        Instance guest = instantiate(metered, Limits.NONE.withMaxMemoryPages(30));
        WasmFunction grow = guest.function("grow");
        for (int pages = 2; pages < 30; pages++) {
            assertEquals(pages, grow.call(1)[0]);
        }
        assertEquals(-1, grow.call(1)[0]);
        assertEquals(30, guest.memory("memory").pages());
        assertTrue(guest.memory("memory").buffer().length <= 30 * 65536, "no room past the limit");
    }

    @Test
    void aMemoryLargerThanTheLimitFailsInstantiation() {
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> instantiate(plain, Limits.NONE.withMaxMemoryPages(1)));
        assertEquals("memory of 2 pages (128 KiB) is over the limit of 1 pages (64 KiB)", e.getMessage());
    }

    @Test
    void fuelIsOneUnitPerCallAndPerLoopIteration() {
        Instance guest = instantiate(metered, Limits.NONE.withFuel(1001));
        assertEquals(1000, guest.function("count").call(1000)[0]);
        assertEquals(0, guest.remainingFuel());

        Instance shortOfOne = instantiate(metered, Limits.NONE.withFuel(1000));
        StoppedException e = assertThrows(StoppedException.class, () -> shortOfOne.function("count").call(1000));
        assertEquals(StoppedException.Reason.FUEL, e.reason());
        assertEquals("fuel exhausted", e.getMessage());

        Instance calls = instantiate(metered, Limits.NONE.withFuel(100));
        assertEquals(10, calls.function("depth").call(10)[0]); // 11 calls, no loop
        assertEquals(89, calls.remainingFuel());
    }

    @Test
    void fuelStopsAnEndlessLoopAndTheInstanceStaysStopped() {
        Instance guest = instantiate(metered, Limits.NONE.withFuel(1_000_000));
        assertEquals("fuel exhausted",
                assertThrows(StoppedException.class, () -> guest.function("spin").call()).getMessage());
        assertThrows(StoppedException.class, () -> guest.function("count").call(1));
    }

    @Test
    void fuelStopsEndlessRecursionWithoutLoops() {
        Instance guest = instantiate(metered, Limits.NONE.withFuel(1_000_000));
        assertThrows(StoppedException.class, () -> guest.function("fib").call(60L));
    }

    @Test
    void partsOfSplitFunctionsPollToo() {
        CompiledModule split = Compiler.compile(wasm, new CompilerOptions("limits.Split").withMetering(true),
                Progress.NONE, 150);
        assertTrue(split.stats().parts() > 0, split.stats().parts() + " parts");
        Module module = split.load();
        assertEquals(5050, instantiate(module, Limits.NONE).function("churn").call(100)[0]);
        Instance guest = instantiate(module, Limits.NONE.withFuel(101));
        assertEquals(5050, guest.function("churn").call(100)[0]);
        assertEquals(0, guest.remainingFuel());
        Instance endless = instantiate(module, Limits.NONE.withFuel(10_000_000));
        StoppedException e = assertThrows(StoppedException.class, () -> endless.function("churn").call(0));
        assertEquals(StoppedException.Reason.FUEL, e.reason());
    }

    @Test
    void aDeadlineStopsAnEndlessLoop() {
        Instance guest = instantiate(metered, Limits.NONE.withDeadline(Duration.ofMillis(200)));
        StoppedException e = assertThrows(StoppedException.class, () -> guest.function("spin").call());
        assertEquals(StoppedException.Reason.DEADLINE, e.reason());
        assertEquals("deadline exceeded", e.getMessage());
        assertThrows(StoppedException.class, () -> guest.function("count").call(1), "it stays stopped");
    }

    @Test
    void aDeadlineStopsRecursionWithoutLoops() {
        Instance guest = instantiate(metered, Limits.NONE.withDeadline(Duration.ofMillis(200)));
        StoppedException e = assertThrows(StoppedException.class, () -> guest.function("fib").call(60L));
        assertEquals(StoppedException.Reason.DEADLINE, e.reason());
    }

    @Test
    void theCallDepthTrapsCleanlyAndIsGivenBackOnTheWayOut() {
        Instance guest = instantiate(metered, Limits.NONE.withMaxCallDepth(100));
        assertEquals(99, guest.function("depth").call(99)[0]); // 100 calls
        ExhaustionException e = assertThrows(ExhaustionException.class, () -> guest.function("depth").call(100));
        assertEquals("call stack exhausted", e.getMessage());
        assertNull(e.getCause(), "counted, not a StackOverflowError of the JVM");
        // The 100 frames the trap unwound gave their calls back: the full depth is there again.
        assertEquals(99, guest.function("depth").call(99)[0]);
        assertThrows(ExhaustionException.class, () -> guest.function("bottomless").call(0));
        assertEquals(99, guest.function("depth").call(99)[0]);
    }

    @Test
    void limitsThatNeedMeteringAreRefusedForAModuleCompiledWithout() {
        assertFalse(plain.metered());
        assertTrue(metered.metered());
        for (Limits limits : List.of(Limits.NONE.withFuel(10), Limits.NONE.withDeadline(Duration.ofSeconds(1)),
                Limits.NONE.withMaxCallDepth(10))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> instantiate(plain, limits));
            assertEquals("limits.Plain was compiled without metering, needed for fuel, deadlines and call depths; "
                    + "compile it with wasm2jar compile --metering or CompilerOptions.withMetering(true)",
                    e.getMessage());
        }
        Instance guest = instantiate(plain, Limits.NONE);
        assertThrows(IllegalStateException.class, guest::interrupt);
        assertEquals(832040L, guest.function("fib").call(30L)[0]);
    }

    @Test
    void meteringChangesNoAnswer() {
        Instance a = instantiate(plain, Limits.NONE);
        Instance b = instantiate(metered, Limits.NONE);
        for (String f : List.of("count", "depth")) {
            assertEquals(a.function(f).call(1000)[0], b.function(f).call(1000)[0], f); // deep enough, on any stack
        }
        assertEquals(a.function("fib").call(25L)[0], b.function("fib").call(25L)[0]);
    }
}
