package dev.wasm2jar.bench.engine;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.wasm2jar.bench.kernel.Kernel;
import dev.wasm2jar.bench.kernel.KernelRunner;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's native shared library ({@code lib<id>.so}, built by {@code bin/bench} with the same rustc), called
 * through a java.lang.foreign downcall handle. The library's directory is the system property {@code bench.native}.
 */
public final class NativeKernel implements KernelRunner {
    public static final String DIRECTORY_PROPERTY = "bench.native";

    private final Arena arena;
    private final MethodHandle run;
    private final boolean f64;

    private NativeKernel(Arena arena, MethodHandle run, boolean f64) {
        this.arena = arena;
        this.run = run;
        this.f64 = f64;
    }

    public static NativeKernel open(Kernel kernel) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            throw new IllegalStateException("-D" + DIRECTORY_PROPERTY + " must name the directory of the native kernels");
        }
        Path library = Path.of(directory, "lib" + kernel.id() + ".so");
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("no native library " + library + " (bin/bench builds it)");
        }
        Arena arena = Arena.ofShared();
        boolean f64 = kernel.result() == Kernel.Result.F64;
        var symbol = SymbolLookup.libraryLookup(library, arena).find("run")
                .orElseThrow(() -> new IllegalStateException(library + " exports no 'run'"));
        var descriptor = FunctionDescriptor.of(f64 ? JAVA_DOUBLE : JAVA_LONG, JAVA_INT);
        return new NativeKernel(arena, Linker.nativeLinker().downcallHandle(symbol, descriptor), f64);
    }

    @Override
    public long run(int size) throws Throwable {
        return f64 ? Double.doubleToRawLongBits((double) run.invokeExact(size)) : (long) run.invokeExact(size);
    }

    @Override
    public void close() {
        arena.close();
    }
}
