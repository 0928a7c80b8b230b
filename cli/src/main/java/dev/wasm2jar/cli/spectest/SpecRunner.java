package dev.wasm2jar.cli.spectest;

import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.runtime.ExhaustionException;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.Module;
import dev.wasm2jar.runtime.ThrownException;
import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.runtime.UninstantiableException;
import dev.wasm2jar.runtime.UnlinkableException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.WasmException;
import dev.wasm2jar.runtime.WasmFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the commands of one script, in order, against modules compiled by {@link Compiler}: the state of a script is
 * its modules by name, the most recent one, and the imports that {@code register} adds to. A module that fails to
 * load fails every command that needs it, with the reason; commands the harness cannot run (text-format modules
 * without wabt, non-null funcref arguments) are skipped.
 *
 * <p>Modules are compiled as written in the script's version of WebAssembly (its {@code language}). A module that
 * needs a feature wasm2jar does not compile fails every command about it, assertions that it is invalid or
 * malformed included: wasm2jar has not decided them, and counting them as passed would count work not done.
 *
 * <p>Thread-safe for one observer: {@link #current()} and {@link #results()} may be read while {@link #run()} runs on
 * another thread, to report a script that does not finish.
 */
public final class SpecRunner {
    private static final AtomicLong MODULE_COUNTER = new AtomicLong();
    private static final String NO_TEXT_FRONT_END = "text-format module: wat2wasm (wabt) is not installed";

    private final SpecScript script;
    private final Set<Feature> language;
    private final boolean metering;
    private final Imports imports = SpectestHost.imports();
    private final Map<String, Loaded> named = new HashMap<>();
    /** The modules of module_definition commands, by name. */
    private final Map<String, Module> definitions = new HashMap<>();
    /** Names that register gave modules which did not load for want of a feature: importing from them decides nothing. */
    private final Map<String, Feature> unsupportedRegistrations = new HashMap<>();
    private Loaded latest = new Loaded(null, "no module has been defined yet", null);
    private final List<CommandResult> results = new ArrayList<>();
    private volatile SpecCommand current;

    /** A module command's outcome: the instance, or why there is none (and the feature it lacked, if that is why). */
    private record Loaded(Instance instance, String error, Feature unsupported) {}

    /** A command that cannot run because something it needs failed: it counts as failed, with the reason. */
    private static final class CannotRun extends RuntimeException {
        final Feature unsupported;

        CannotRun(String message, Feature unsupported) {
            super(message, null, false, false);
            this.unsupported = unsupported;
        }

        CannotRun(String message) {
            this(message, null);
        }
    }

    /** @param language the features of the WebAssembly version the script tests */
    public SpecRunner(SpecScript script, Set<Feature> language) {
        this(script, language, false);
    }

    /** {@link #SpecRunner(SpecScript, Set)}, compiling with {@code metering}: its polls must change no answer. */
    public SpecRunner(SpecScript script, Set<Feature> language, boolean metering) {
        this.script = script;
        this.language = language;
        this.metering = metering;
    }

    /** Runs every command and returns the results. */
    public FileResult run() {
        for (SpecCommand command : script.commands()) {
            current = command;
            CommandResult result = execute(command);
            synchronized (results) {
                results.add(result);
            }
        }
        current = null;
        return new FileResult(script.file(), results(), null);
    }

    /** The command running now, or null. */
    public SpecCommand current() {
        return current;
    }

    /** The results so far. */
    public List<CommandResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    private CommandResult execute(SpecCommand c) {
        try {
            return switch (c.type()) {
                case "module" -> module(c);
                case "module_definition" -> {
                    // (module definition ...): compiled and validated, instantiated by module_instance commands
                    definitions.put(c.name(), compile(c));
                    yield CommandResult.passed(c, null);
                }
                case "module_instance" -> moduleInstance(c);
                case "register" -> register(c);
                case "action" -> {
                    checkSupported(c);
                    invoke(c.action());
                    yield CommandResult.passed(c, null);
                }
                case "assert_return" -> assertReturn(c);
                case "assert_trap" -> c.action() != null ? assertActionFails(c, TrapException.class)
                        : assertModuleFails(c, TrapException.class);
                case "assert_exhaustion" -> assertActionFails(c, ExhaustionException.class);
                case "assert_exception" -> assertActionFails(c, ThrownException.class);
                case "assert_invalid" -> assertDoesNotCompile(c, InvalidException.class);
                case "assert_malformed" -> assertDoesNotCompile(c, MalformedException.class);
                case "assert_unlinkable" -> assertModuleFails(c, UnlinkableException.class);
                case "assert_uninstantiable" -> assertModuleFails(c, UninstantiableException.class);
                default -> c.counted() ? CommandResult.skipped(c, "command type not supported yet")
                        : CommandResult.failed(c, "unknown command type", null);
            };
        } catch (Values.Unsupported e) {
            return CommandResult.skipped(c, e.getMessage() + " not supported yet");
        } catch (CannotRun e) {
            return CommandResult.cannotRun(c, "cannot run: " + e.getMessage(), e.unsupported);
        } catch (Throwable t) {
            return CommandResult.failed(c, describe(t), t);
        }
    }

    private CommandResult module(SpecCommand c) {
        Loaded loaded;
        CommandResult result;
        try {
            loaded = new Loaded(instantiate(c), null, null);
            result = CommandResult.passed(c, null);
        } catch (Throwable t) {
            String reason = describe(t);
            loaded = new Loaded(null, "module " + c.filename() + " at line " + c.line() + " failed: " + reason,
                    t instanceof UnsupportedFeatureException u ? u.feature() : null);
            result = CommandResult.failed(c, reason, t);
        }
        latest = loaded;
        if (c.name() != null) {
            named.put(c.name(), loaded);
        }
        return result;
    }

    /** {@code (module instance $i $m)}: a new instance of a defined module, named. */
    private CommandResult moduleInstance(SpecCommand c) {
        Module definition = definitions.get(c.definition());
        Loaded loaded;
        CommandResult result;
        if (definition == null) {
            loaded = new Loaded(null, "no module definition named " + c.definition(), null);
            result = CommandResult.failed(c, loaded.error(), null);
        } else {
            try {
                loaded = new Loaded(definition.instantiate(imports), null, null);
                result = CommandResult.passed(c, null);
            } catch (Throwable t) {
                loaded = new Loaded(null, "instance " + c.name() + " at line " + c.line() + " failed: " + describe(t),
                        null);
                result = CommandResult.failed(c, describe(t), t);
            }
        }
        latest = loaded;
        if (c.name() != null) {
            named.put(c.name(), loaded);
        }
        return result;
    }

    private CommandResult register(SpecCommand c) {
        Loaded loaded = c.name() == null ? latest : named.get(c.name());
        if (loaded != null && loaded.unsupported() != null) {
            unsupportedRegistrations.put(c.as(), loaded.unsupported());
        }
        imports.addInstance(c.as(), instance(c.name()));
        return CommandResult.passed(c, null);
    }

    private CommandResult assertReturn(SpecCommand c) {
        checkSupported(c);
        Object[] actual = invoke(c.action());
        if (!c.either().isEmpty()) {
            return assertReturnEither(c, actual);
        }
        List<SpecValue> expected = c.expected();
        if (actual.length != expected.size()) {
            return CommandResult.failed(c, "expected " + expected.size() + " results " + expected + ", got "
                    + actual.length + ": " + describeAll(actual), null);
        }
        for (int i = 0; i < actual.length; i++) {
            String mismatch = Values.mismatch(expected.get(i), actual[i]);
            if (mismatch != null) {
                String where = actual.length == 1 ? "" : "result " + i + ": ";
                return CommandResult.failed(c, where + mismatch, null);
            }
        }
        return CommandResult.passed(c, null);
    }

    /** One result, which must match one of the alternatives. */
    private static CommandResult assertReturnEither(SpecCommand c, Object[] actual) {
        if (actual.length != 1) {
            return CommandResult.failed(c, "expected one of " + c.either() + ", got " + actual.length + " results: "
                    + describeAll(actual), null);
        }
        for (SpecValue alternative : c.either()) {
            if (Values.mismatch(alternative, actual[0]) == null) {
                return CommandResult.passed(c, null);
            }
        }
        return CommandResult.failed(c, "expected one of " + c.either() + ", got " + describeAll(actual), null);
    }

    private CommandResult assertActionFails(SpecCommand c, Class<? extends WasmException> kind) {
        checkSupported(c);
        Object[] actual;
        try {
            actual = invoke(c.action());
        } catch (CannotRun e) {
            throw e;
        } catch (Throwable t) {
            return expectedFailure(c, kind, t);
        }
        return CommandResult.failed(c, "expected " + kindName(kind) + " \"" + c.text() + "\", got results "
                + describeAll(actual), null);
    }

    private CommandResult assertModuleFails(SpecCommand c, Class<? extends WasmException> kind) {
        if (isText(c) && !TextFormat.available()) {
            return CommandResult.skipped(c, NO_TEXT_FRONT_END);
        }
        Module module;
        try {
            module = compile(c);
        } catch (Throwable t) {
            return CommandResult.failed(c, "expected " + kindName(kind) + " \"" + c.text()
                    + "\", but the module did not load: " + describe(t), t);
        }
        for (var im : module.shape().imports()) {
            Feature missing = unsupportedRegistrations.get(im.module());
            if (missing != null) {
                // Linking would fail for the exporter's sake, not for what the assertion tests.
                return CommandResult.cannotRun(c, "not decided: it imports from " + im.module() + ", which did not"
                        + " load because it needs " + missing.flag(), missing);
            }
        }
        try {
            module.instantiate(imports);
        } catch (Throwable t) {
            // A start function that traps makes a module uninstantiable as well.
            if (kind == UninstantiableException.class && t instanceof TrapException) {
                return expectedFailure(c, TrapException.class, t);
            }
            return expectedFailure(c, kind, t);
        }
        return CommandResult.failed(c, "expected " + kindName(kind) + " \"" + c.text()
                + "\", but the module instantiated", null);
    }

    private CommandResult assertDoesNotCompile(SpecCommand c, Class<? extends WasmException> kind) {
        if (isText(c) && !TextFormat.available()) {
            return CommandResult.skipped(c, NO_TEXT_FRONT_END);
        }
        try {
            Compiler.compile(readModule(c), options(c));
        } catch (Throwable t) {
            return expectedFailure(c, kind, t);
        }
        return CommandResult.failed(c, "expected " + kindName(kind) + " \"" + c.text() + "\", but it compiled", null);
    }

    /**
     * Passes when {@code t} is of {@code kind}; a message unlike the spec's is only noted. A module that needs a
     * feature wasm2jar lacks decides nothing, so it fails.
     */
    private static CommandResult expectedFailure(SpecCommand c, Class<? extends WasmException> kind, Throwable t) {
        if (t instanceof UnsupportedFeatureException) {
            return CommandResult.failed(c, "not decided: " + describe(t), t);
        }
        if (!kind.isInstance(t)) {
            return CommandResult.failed(c, "expected " + kindName(kind) + " \"" + c.text() + "\", got "
                    + describe(t), t);
        }
        String message = t.getMessage() == null ? "" : firstLine(t.getMessage());
        String note = c.text() == null || message.contains(c.text()) ? null
                : "message \"" + message + "\", the spec says \"" + c.text() + "\"";
        return CommandResult.passed(c, note);
    }

    private Object[] invoke(Action action) {
        Instance instance = instance(action.module());
        return switch (action.type()) {
            case "invoke" -> {
                WasmFunction function = instance.function(action.field());
                Object[] args = new Object[action.args().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = Values.toArgument(action.args().get(i));
                }
                yield function.call(args);
            }
            case "get" -> new Object[] {instance.global(action.field()).get()};
            default -> throw new Values.Unsupported("action type '" + action.type() + "'");
        };
    }

    private Instance instance(String name) {
        Loaded loaded = name == null ? latest : named.get(name);
        if (loaded == null) {
            throw new CannotRun("no module named " + name);
        }
        if (loaded.instance() == null) {
            throw new CannotRun(loaded.error(), loaded.unsupported());
        }
        return loaded.instance();
    }

    private Instance instantiate(SpecCommand c) {
        return compile(c).instantiate(imports);
    }

    private Module compile(SpecCommand c) {
        return Compiler.compile(readModule(c), options(c)).load();
    }

    private CompilerOptions options(SpecCommand c) {
        return new CompilerOptions(className(c.filename()), language, metering);
    }

    private byte[] readModule(SpecCommand c) {
        if (c.filename() == null) {
            throw new IllegalArgumentException("the command names no module file");
        }
        try {
            Path file = script.resolve(c.filename());
            return isText(c) ? TextFormat.assemble(file) : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CannotRun("cannot read " + c.filename() + ": " + e);
        }
    }

    /** A class name no other module of this JVM has: {@code spectest.i32_0_17} for i32.0.wasm. */
    static String className(String filename) {
        String stem = filename == null ? "module" : filename.replaceFirst("\\.wasm$", "");
        StringBuilder sb = new StringBuilder("spectest.");
        if (stem.isEmpty() || !Character.isJavaIdentifierStart(stem.charAt(0))) {
            sb.append('m');
        }
        for (int i = 0; i < stem.length(); i++) {
            char ch = stem.charAt(i);
            sb.append(Character.isJavaIdentifierPart(ch) && ch != '$' ? ch : '_');
        }
        return sb.append('_').append(MODULE_COUNTER.incrementAndGet()).toString();
    }

    private static boolean isText(SpecCommand c) {
        return "text".equals(c.moduleType()) || (c.filename() != null && c.filename().endsWith(".wat"));
    }

    private static void checkSupported(SpecCommand c) {
        for (SpecValue v : c.action().args()) {
            if (!v.supported()) {
                throw new Values.Unsupported(v.type() + " values");
            }
        }
        for (SpecValue v : java.util.stream.Stream.concat(c.expected().stream(), c.either().stream()).toList()) {
            if (!v.supported()) {
                throw new Values.Unsupported(v.type() + " values");
            }
        }
    }

    /** {@code trap: integer divide by zero}, or the class and message of anything that is not a wasm error. */
    static String describe(Throwable t) {
        String kind = t instanceof WasmException ? kindName(t.getClass())
                : t instanceof UnsupportedFeatureException ? "unsupported" : t.getClass().getName();
        return t.getMessage() == null ? kind : kind + ": " + firstLine(t.getMessage());
    }

    /** Messages go on one line (a VerifyError's runs over many). */
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip() + " ...";
    }

    private static String kindName(Class<?> kind) {
        for (Class<?> k = kind; k != null && k != WasmException.class; k = k.getSuperclass()) {
            if (k.getSuperclass() == WasmException.class) {
                return k.getSimpleName().replace("Exception", "").toLowerCase(java.util.Locale.ROOT);
            }
        }
        return kind.getSimpleName();
    }

    private static String describeAll(Object[] values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(Values.describe(v));
        }
        return out.toString();
    }
}
