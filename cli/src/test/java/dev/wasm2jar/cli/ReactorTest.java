package dev.wasm2jar.cli;

import static dev.wasm2jar.cli.RunCommandTest.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * WASI reactors (guests/c/reactor.c: no _start; _initialize runs a constructor, the exports read the environment
 * through WASI), called as WasmEdge calls them, {@code run --reactor FILE FUNCTION ARGS}, and through {@code invoke}.
 */
class ReactorTest {
    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runReactorInitializesThenCallsTheExportWithItsArguments() {
        Run r = run("run", "--env", "NUMBER=5", "--reactor", guest("reactor"), "number_plus", "7");
        assertEquals(new Run(0, "NUMBER=5\n1012\n", ""), r, "what the guest printed, then the result");
        assertEquals(new Run(0, "1\n", ""), run("run", "--reactor", guest("reactor"), "initialized"));
    }

    @Test
    void invokeLinksWasiWhenTheModuleImportsIt() {
        assertEquals(new Run(0, "NUMBER=(unset)\n1003\n", ""), run("invoke", guest("reactor"), "number_plus", "3"));
        assertEquals(new Run(0, "1\n", ""), run("invoke", guest("reactor"), "initialized"), "_initialize ran");
    }

    @Test
    void aReactorIsNoCommand() {
        Run r = run("run", guest("reactor"));
        assertEquals(1, r.exit());
        assertEquals("wasm2jar: error: " + guest("reactor") + ": not a WASI command: it exports no function _start\n",
                r.err());
    }

    @Test
    void badReactorCallsAreOneLine() {
        assertEquals(new Run(2, "", "wasm2jar: error: run --reactor needs the name of the function to call after "
                + guest("reactor") + "\n"), run("run", "--reactor", guest("reactor")));
        assertEquals(new Run(1, "", "wasm2jar: error: the module exports no function named 'nope'; its functions:"
                + " _initialize, number_plus, initialized\n"), run("run", "--reactor", guest("reactor"), "nope"));
        assertEquals(new Run(2, "", "wasm2jar: error: argument 1 of number_plus: 'x' is not a valid i32 (not an"
                + " integer)\n"), run("run", "--reactor", guest("reactor"), "number_plus", "x"));
    }
}
