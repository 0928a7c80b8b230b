package dev.wasm2jar.maven.internal;

import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.abi.ModuleShape;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the typed Java facade of a compiled module: a final class with one method per exported function (Java types
 * in and out, called through the export's exact method handle), an accessor per exported memory, table and global,
 * and a nested interface {@code Host} listing the imports the host must provide. Imports of the host modules the
 * runtime has (WASI and the like) are left to a {@link dev.wasm2jar.runtime.host.Linker}.
 *
 * <pre>{@code
 * Mathlib lib = Mathlib.instantiate(host);               // or instantiate(Linker.create().with(wasi), host)
 * int sum = lib.add(2, 3);
 * }</pre>
 */
public final class FacadeWriter {
    /** Members of the facade itself, which no export may take. */
    private static final Set<String> OWN_MEMBERS = Set.of("instance", "module", "instantiate", "wrap", "toString",
            "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "Host");

    private final ModuleShape shape;
    private final String facadeClass;
    private final String moduleClass;
    private final String source;
    private final Set<String> hostModules;
    private final StringBuilder out = new StringBuilder();

    /** One import the {@code Host} interface provides: a method per import. */
    private record HostImport(ModuleShape.Import im, String method) {}

    /**
     * @param shape the compiled module's description
     * @param facadeClass the facade's binary name, such as {@code com.example.Mathlib}
     * @param moduleClass the compiled module class's binary name
     * @param source the .wasm file's name, for the documentation
     * @param hostModules import modules provided by host modules through a linker, not by {@code Host}
     */
    public FacadeWriter(ModuleShape shape, String facadeClass, String moduleClass, String source,
            Set<String> hostModules) {
        this.shape = shape;
        this.facadeClass = facadeClass;
        this.moduleClass = moduleClass;
        this.source = source;
        this.hostModules = hostModules;
    }

    /** The Java source of the facade. */
    public String write() {
        int dot = facadeClass.lastIndexOf('.');
        String pkg = dot < 0 ? "" : facadeClass.substring(0, dot);
        String name = facadeClass.substring(dot + 1);
        JavaNames names = new JavaNames(OWN_MEMBERS);
        Map<ModuleShape.Export, String> exports = new LinkedHashMap<>();
        shape.exports().forEach(e -> exports.put(e, names.member(e.name())));
        List<HostImport> hostImports = hostImports();
        boolean hasHost = !hostImports.isEmpty();
        boolean linkerImports = shape.imports().stream().anyMatch(im -> hostModules.contains(im.module()));

        if (!pkg.isEmpty()) {
            line("package " + pkg + ";");
            line("");
        }
        line("import dev.wasm2jar.runtime.Instance;");
        line("import dev.wasm2jar.runtime.Module;");
        line("import dev.wasm2jar.runtime.WasmFunction;");
        line("import dev.wasm2jar.runtime.abi.TrapOps;");
        line("import dev.wasm2jar.runtime.host.Linker;");
        line("import java.lang.invoke.MethodHandle;");
        if (hasHost) {
            line("import java.lang.invoke.MethodHandles;");
        }
        line("");
        line("/**");
        line(" * The WebAssembly module {@code " + javadoc(source) + "}, compiled to JVM classes by wasm2jar: each method");
        line(" * calls one of its exports with Java types. Instances are not thread-safe, as a wasm instance is not.");
        line(" *");
        line(" * <pre>{@code");
        String var = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        line(" * " + name + " " + var + " = " + name + "."
                + (hasHost ? "instantiate(host);" : linkerImports ? "instantiate(Linker.create().with(wasi));"
                        : "instantiate();"));
        line(" * }</pre>");
        if (linkerImports) {
            line(" *");
            line(" * <p>It imports from " + String.join(", ", importedHostModules())
                    + ": add the host modules that provide them to a {@link Linker}, such as");
            line(" * {@code Linker.create().with(wasi)} for a {@code dev.wasm2jar.wasi.Wasi}.");
        }
        line(" */");
        line("public final class " + name + " {");
        if (hasHost) {
            writeHost(hostImports);
        }
        line("    /** The compiled module, loaded on first use. */");
        line("    private static final class Compiled {");
        line("        static final Module MODULE = Module.load(" + name + ".class.getClassLoader(), \""
                + moduleClass + "\");");
        line("    }");
        line("");
        line("    private final Instance instance;");
        exports.forEach((e, member) -> {
            if (e.kind() == ExternKind.FUNCTION) {
                line("    private final MethodHandle " + member + ";");
            }
        });
        line("");
        line("    private " + name + "(Instance instance) {");
        line("        this.instance = instance;");
        exports.forEach((e, member) -> {
            if (e.kind() == ExternKind.FUNCTION) {
                line("        this." + member + " = instance.function(\"" + java(e.name()) + "\").handle();");
            }
        });
        line("    }");
        line("");
        writeFactories(name, hasHost, linkerImports, hostImports);
        exports.forEach((e, member) -> writeExport(e, member));
        line("}");
        return out.toString();
    }

    private void writeHost(List<HostImport> imports) {
        line("    /** What the module imports from its host, one method per import; the host implements it. */");
        line("    public interface Host {");
        boolean first = true;
        for (HostImport h : imports) {
            if (!first) {
                line("");
            }
            first = false;
            ModuleShape.Import im = h.im();
            String what = "{@code " + javadoc(im.module() + "." + im.name()) + "}";
            switch (im.kind()) {
                case FUNCTION -> {
                    FunctionType type = shape.types().get(im.typeIndex());
                    MethodType mt = type.methodType();
                    line("        /**");
                    line("         * The imported function " + what + ", of type {@code " + type + "}.");
                    line("         *");
                    writeParamTags("         ", mt);
                    if (mt.returnType() != void.class) {
                        line("         * @return " + resultDoc(type));
                    }
                    line("         */");
                    line("        " + typeName(mt.returnType()) + " " + h.method() + "(" + params(mt) + ");");
                }
                case MEMORY -> {
                    line("        /**");
                    line("         * The imported memory " + what + ".");
                    line("         *");
                    line("         * @return the memory to share with the module");
                    line("         */");
                    line("        dev.wasm2jar.runtime.Memory " + h.method() + "();");
                }
                case TABLE -> {
                    line("        /**");
                    line("         * The imported table " + what + ".");
                    line("         *");
                    line("         * @return the table to share with the module");
                    line("         */");
                    line("        dev.wasm2jar.runtime.Table " + h.method() + "();");
                }
                default -> {
                    line("        /**");
                    line("         * The imported global " + what + ".");
                    line("         *");
                    line("         * @return the global to share with the module");
                    line("         */");
                    line("        dev.wasm2jar.runtime.Global " + h.method() + "();");
                }
            }
        }
        line("    }");
        line("");
    }

    private void writeFactories(String name, boolean hasHost, boolean linkerImports, List<HostImport> hostImports) {
        line("    /**");
        line("     * The compiled module, for instantiating it some other way than these factories.");
        line("     *");
        line("     * @return the module, loaded once");
        line("     */");
        line("    public static Module module() {");
        line("        return Compiled.MODULE;");
        line("    }");
        line("");
        if (hasHost) {
            line("    /**");
            line("     * Instantiates the module with {@code host} providing its imports.");
            line("     *");
            line("     * @param host the imports");
            line("     * @return the new instance");
            line("     */");
            line("    public static " + name + " instantiate(Host host) {");
            line("        return instantiate(Linker.create(), host);");
            line("    }");
            line("");
            line("    /**");
            line("     * Instantiates the module with {@code host} providing the imports it lists and {@code linker} the");
            line("     * others (its host modules, such as WASI, and its definitions).");
            line("     *");
            line("     * @param linker the linker, to which {@code host}'s imports are added");
            line("     * @param host the imports of {@link Host}");
            line("     * @return the new instance");
            line("     */");
            line("    public static " + name + " instantiate(Linker linker, Host host) {");
            for (HostImport h : hostImports) {
                ModuleShape.Import im = h.im();
                String key = "\"" + java(im.module()) + "\", \"" + java(im.name()) + "\"";
                if (im.kind() == ExternKind.FUNCTION) {
                    line("        linker.define(" + key + ", hostFunction(host, " + key + ", \"" + h.method()
                            + "\"));");
                } else {
                    line("        linker.define(" + key + ", host." + h.method() + "());");
                }
            }
            line("        return new " + name + "(linker.instantiate(Compiled.MODULE));");
            line("    }");
            line("");
            line("    /** The host's method {@code method} as the function the module imports as {@code module.name}. */");
            line("    private static WasmFunction hostFunction(Host host, String module, String name, String method) {");
            line("        for (var im : Compiled.MODULE.shape().imports()) {");
            line("            if (im.module().equals(module) && im.name().equals(name)) {");
            line("                var type = Compiled.MODULE.shape().types().get(im.typeIndex());");
            line("                try {");
            line("                    MethodHandle code = MethodHandles.lookup()");
            line("                            .findVirtual(Host.class, method, type.methodType()).bindTo(host);");
            line("                    return WasmFunction.of(type, code, module + \".\" + name);");
            line("                } catch (ReflectiveOperationException e) {");
            line("                    throw new IllegalStateException(\"the facade does not match its module\", e);");
            line("                }");
            line("            }");
            line("        }");
            line("        throw new IllegalStateException(\"the module does not import \" + module + \".\" + name);");
            line("    }");
            line("");
        } else {
            if (!linkerImports) {
                line("    /**");
                line("     * Instantiates the module, which imports nothing.");
                line("     *");
                line("     * @return the new instance");
                line("     */");
                line("    public static " + name + " instantiate() {");
                line("        return instantiate(Linker.create());");
                line("    }");
                line("");
            }
            line("    /**");
            line("     * Instantiates the module with the imports {@code linker} provides"
                    + (linkerImports ? ": {@code Linker.create().with(wasi)} attaches WASI." : "."));
            line("     *");
            line("     * @param linker the linker with the module's imports");
            line("     * @return the new instance");
            line("     */");
            line("    public static " + name + " instantiate(Linker linker) {");
            line("        return new " + name + "(linker.instantiate(Compiled.MODULE));");
            line("    }");
            line("");
        }
        line("    /**");
        line("     * The facade of an instance of this module made some other way.");
        line("     *");
        line("     * @param instance an instance of {@link #module()}");
        line("     * @return its facade");
        line("     */");
        line("    public static " + name + " wrap(Instance instance) {");
        line("        if (instance.module() != Compiled.MODULE) {");
        line("            throw new IllegalArgumentException(\"not an instance of " + java(source) + "\");");
        line("        }");
        line("        return new " + name + "(instance);");
        line("    }");
        line("");
        line("    /**");
        line("     * The instance behind this facade, for what the facade does not show (a WASI run, exports by name).");
        line("     *");
        line("     * @return the instance");
        line("     */");
        line("    public Instance instance() {");
        line("        return instance;");
        line("    }");
    }

    private void writeExport(ModuleShape.Export e, String member) {
        line("");
        String what = "{@code " + javadoc(e.name()) + "}";
        switch (e.kind()) {
            case FUNCTION -> {
                FunctionType type = shape.functionType(e.index());
                MethodType mt = type.methodType();
                String result = typeName(mt.returnType());
                line("    /**");
                line("     * Calls the exported function " + what + ", of type {@code " + type + "}.");
                line("     *");
                writeParamTags("     ", mt);
                if (mt.returnType() != void.class) {
                    line("     * @return " + resultDoc(type));
                }
                line("     * @throws dev.wasm2jar.runtime.TrapException when the function traps");
                line("     */");
                line("    public " + result + " " + member + "(" + params(mt) + ") {");
                line("        try {");
                String call = member + ".invokeExact(" + args(mt) + ")";
                line("            " + (mt.returnType() == void.class ? call : "return (" + result + ") " + call) + ";");
                line("        } catch (Throwable t) {");
                line("            throw TrapOps.fromJava(t);");
                line("        }");
                line("    }");
            }
            case MEMORY -> {
                line("    /**");
                line("     * The exported memory " + what + ": its bytes, size and growth.");
                line("     *");
                line("     * @return the memory");
                line("     */");
                line("    public dev.wasm2jar.runtime.Memory " + member + "() {");
                line("        return instance.memory(\"" + java(e.name()) + "\");");
                line("    }");
            }
            case TABLE -> {
                line("    /**");
                line("     * The exported table " + what + ".");
                line("     *");
                line("     * @return the table");
                line("     */");
                line("    public dev.wasm2jar.runtime.Table " + member + "() {");
                line("        return instance.table(\"" + java(e.name()) + "\");");
                line("    }");
            }
            default -> writeGlobal(e, member, what);
        }
    }

    private void writeGlobal(ModuleShape.Export e, String member, String what) {
        Class<?> type;
        boolean mutable;
        int imported = (int) shape.imports().stream().filter(i -> i.kind() == ExternKind.GLOBAL).count();
        if (e.index() < imported) {
            ModuleShape.Import im = shape.imports().stream().filter(i -> i.kind() == ExternKind.GLOBAL)
                    .toList().get(e.index());
            type = im.valueType().javaType();
            mutable = im.mutable();
        } else {
            ModuleShape.GlobalType g = shape.globals().get(e.index() - imported);
            type = g.type().javaType();
            mutable = g.mutable();
        }
        String accessor = switch (type.getName()) {
            case "int" -> "I32";
            case "long" -> "I64";
            case "float" -> "F32";
            case "double" -> "F64";
            case "dev.wasm2jar.runtime.V128" -> "V128";
            default -> "Ref";
        };
        String javaType = typeName(type);
        String cast = accessor.equals("Ref") && type != Object.class ? "(" + javaType + ") " : "";
        line("    /**");
        line("     * Reads the exported " + (mutable ? "mutable " : "") + "global " + what + ".");
        line("     *");
        line("     * @return its value");
        line("     */");
        line("    public " + javaType + " " + member + "() {");
        line("        return " + cast + "instance.global(\"" + java(e.name()) + "\").get" + accessor + "();");
        line("    }");
        if (mutable) {
            line("");
            line("    /**");
            line("     * Sets the exported global " + what + ".");
            line("     *");
            line("     * @param value its new value");
            line("     */");
            line("    public void " + member + "(" + javaType + " value) {");
            line("        instance.global(\"" + java(e.name()) + "\").set" + accessor + "(value);");
            line("    }");
        }
    }

    /** Imports the {@code Host} interface provides, with their method names. */
    private List<HostImport> hostImports() {
        JavaNames names = new JavaNames(Set.of("toString", "hashCode", "equals", "getClass", "notify", "notifyAll",
                "wait", "clone", "finalize"));
        List<HostImport> out = new ArrayList<>();
        for (ModuleShape.Import im : shape.imports()) {
            if (!hostModules.contains(im.module())) {
                boolean clash = shape.imports().stream().anyMatch(o -> o != im && o.name().equals(im.name()));
                out.add(new HostImport(im, names.member(clash ? im.module() + "_" + im.name() : im.name())));
            }
        }
        return out;
    }

    private List<String> importedHostModules() {
        return shape.imports().stream().map(ModuleShape.Import::module).filter(hostModules::contains).distinct()
                .map(m -> "{@code " + m + "}").toList();
    }

    private void writeParamTags(String indent, MethodType mt) {
        for (int i = 0; i < mt.parameterCount(); i++) {
            line(indent + "* @param arg" + i + " parameter " + i + ", a wasm "
                    + javadoc(String.valueOf(paramTypeName(mt, i))));
        }
    }

    private static String paramTypeName(MethodType mt, int i) {
        return switch (mt.parameterType(i).getName()) {
            case "int" -> "i32";
            case "long" -> "i64";
            case "float" -> "f32";
            case "double" -> "f64";
            case "dev.wasm2jar.runtime.V128" -> "v128";
            case "dev.wasm2jar.runtime.WasmFunction" -> "funcref";
            default -> "externref";
        };
    }

    private static String resultDoc(FunctionType type) {
        if (type.results().size() == 1) {
            return "the result, a wasm " + type.results().get(0);
        }
        return type.methodType().returnType() == long[].class
                ? "the " + type.results().size() + " results in order, as raw bits (f32 and f64 as"
                        + " {@code Float.floatToRawIntBits} and {@code Double.doubleToRawLongBits})"
                : "the " + type.results().size() + " results in order, boxed";
    }

    private static String params(MethodType mt) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mt.parameterCount(); i++) {
            out.add(typeName(mt.parameterType(i)) + " arg" + i);
        }
        return String.join(", ", out);
    }

    private static String args(MethodType mt) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mt.parameterCount(); i++) {
            out.add("arg" + i);
        }
        return String.join(", ", out);
    }

    private static String typeName(Class<?> type) {
        return type.getCanonicalName();
    }

    /** A Java string literal's contents. */
    private static String java(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\%03o", (int) c)); // a unicode escape would end the line
                    } else if (c > 0x7E) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Text safe inside {@code {@code ...}} in a Javadoc comment. */
    private static String javadoc(String s) {
        return java(s).replace("*/", "*&#47;").replace("{", "&#123;").replace("}", "&#125;").replace("@", "&#64;");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
