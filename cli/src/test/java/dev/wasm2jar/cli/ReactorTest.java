package dev.wasm2jar.cli;

import static dev.wasm2jar.cli.RunCommandTest.guest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * WASI reactors (guests/c/reactor.c: no _start; _initialize runs a constructor, the exports read the environment
 * through WASI), called as WasmEdge calls them, {@code run --reactor FILE FUNCTION ARGS}, and through {@code invoke}.
 */
class ReactorTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void runReactorInitializesThenCallsTheExportWithItsArguments() {
        CliRun r = run("run", "--env", "NUMBER=5", "--reactor", guest("reactor"), "number_plus", "7");
        assertEquals(new CliRun(0, "NUMBER=5\n1012\n", ""), r, "what the guest printed, then the result");
        assertEquals(new CliRun(0, "1\n", ""), run("run", "--reactor", guest("reactor"), "initialized"));
    }

    @Test
    void invokeLinksWasiWhenTheModuleImportsIt() {
        assertEquals(new CliRun(0, "NUMBER=(unset)\n1003\n", ""), run("invoke", guest("reactor"), "number_plus", "3"));
        assertEquals(new CliRun(0, "1\n", ""), run("invoke", guest("reactor"), "initialized"), "_initialize ran");
    }

    @Test
    void aReactorIsNoCommand() {
        CliRun r = run("run", guest("reactor"));
        assertEquals(1, r.exit());
        assertEquals("wasm2jar: error: " + guest("reactor") + ": not a WASI command: it exports no function _start\n",
                r.err());
    }

    @Test
    void badReactorCallsAreOneLine() {
        assertEquals(new CliRun(2, "", "wasm2jar: error: run --reactor needs the name of the function to call after "
                + guest("reactor") + "\n"), run("run", "--reactor", guest("reactor")));
        assertEquals(new CliRun(1, "", "wasm2jar: error: the module exports no function named 'nope'; its functions:"
                + " _initialize, number_plus, initialized\n"), run("run", "--reactor", guest("reactor"), "nope"));
        assertEquals(new CliRun(2, "", "wasm2jar: error: argument 1 of number_plus: 'x' is not a valid i32 (not an"
                + " integer)\n"), run("run", "--reactor", guest("reactor"), "number_plus", "x"));
    }
}
