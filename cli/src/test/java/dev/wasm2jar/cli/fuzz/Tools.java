package dev.wasm2jar.cli.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external programs of a fuzz run: binaryen's {@code wasm-opt} (generates modules and interprets them) and wabt's
 * {@code wasm-validate} (judges whether a module is standard WebAssembly).
 */
final class Tools {
    /** A step that takes longer than this on a loaded machine is stuck. */
    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {}

    /** What a finished program printed on standard output, and its exit code. */
    record Output(int exitCode, String stdout) {}

    /** Whether {@code wasm-opt} and {@code wasm-validate} are on the PATH. */
    static boolean available() {
        try {
            return run(List.of("wasm-opt", "--version")).exitCode() == 0
                    && run(List.of("wasm-validate", "--version")).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code wasm-opt -ttf}: a valid module from {@code input}'s random bytes, optimized by {@code passes}. */
    static boolean generate(Path input, List<String> features, List<String> passes, Path module) throws IOException {
        List<String> command = new ArrayList<>(List.of("wasm-opt", "-ttf", input.toString()));
        command.addAll(features);
        command.addAll(passes);
        command.addAll(List.of("-o", module.toString()));
        return run(command).exitCode() == 0;
    }

    /** {@code wasm-opt --fuzz-exec-before}: binaryen's interpreter calls every export, printing what happens. */
    static Output interpret(Path module, List<String> features) throws IOException {
        List<String> command = new ArrayList<>(List.of("wasm-opt", module.toString()));
        command.addAll(features);
        command.addAll(List.of("--fuzz-exec-before", "-q"));
        return run(command);
    }

    /** {@code wasm-opt --denan}: the module with every float NaN made a zero where it is computed. */
    static boolean denan(Path module, List<String> features, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of("wasm-opt", module.toString()));
        command.addAll(features);
        command.addAll(List.of("--denan", "-o", out.toString()));
        return run(command).exitCode() == 0;
    }

    /** {@code wasm-opt --print}: the module in binaryen's folded text format. */
    static Output print(Path module, List<String> features) throws IOException {
        List<String> command = new ArrayList<>(List.of("wasm-opt", module.toString()));
        command.addAll(features);
        command.add("--print");
        return run(command);
    }

    /** {@code wasm-opt IN.wat -o OUT.wasm}: binaryen reads its own text format back. */
    static boolean assemble(Path wat, List<String> features, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of("wasm-opt", wat.toString()));
        command.addAll(features);
        command.addAll(List.of("-o", out.toString()));
        return run(command).exitCode() == 0;
    }

    /** Whether wabt accepts the module as WebAssembly 2.0 (its default features) with extended constants. */
    static boolean standard(Path module) throws IOException {
        return run(List.of("wasm-validate", "--enable-extended-const", module.toString())).exitCode() == 0;
    }

    private static Output run(List<String> command) throws IOException {
        // Standard output goes to a file, so that a program that hangs is stopped by the timeout, not waited for.
        Path stdout = Files.createTempFile("fuzz-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(stdout);
        }
    }
}
