package dev.wasm2jar.compiler.internal.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.compiler.TextFormat;
import dev.wasm2jar.runtime.abi.Linkage;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** The list of builtins against the runtime's classes, and generated code against the list. */
class BuiltinTest {
    @Test
    void everyBuiltinResolvesToAPublicMethodOfExactlyThisDescriptorAndKind() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Builtin b : Builtin.values()) {
            Class<?> owner = b.ownerClass();
            if (b.kind() == Builtin.Kind.CONSTANT) {
                problems.addAll(constantProblems(b, owner));
                continue;
            }
            MethodType type = MethodType.fromMethodDescriptorString(b.descriptor(), getClass().getClassLoader());
            if (b.kind() == Builtin.Kind.SUPER_CONSTRUCTOR) {
                problems.addAll(superConstructorProblems(b, owner, type));
                continue;
            }
            if (b.kind() == Builtin.Kind.POLYMORPHIC) {
                problems.addAll(polymorphicProblems(b, owner));
                continue;
            }
            Method method;
            try {
                method = owner.getMethod(b.method(), type.parameterArray());
            } catch (NoSuchMethodException e) {
                problems.add(b + ": no public " + owner.getName() + "." + b.method() + b.descriptor());
                continue;
            }
            boolean isStatic = Modifier.isStatic(method.getModifiers());
            boolean kindMatches = switch (b.kind()) {
                case STATIC -> isStatic;
                case VIRTUAL -> !isStatic && !owner.isInterface();
                case INTERFACE -> !isStatic && owner.isInterface();
                case IMPLEMENTED -> owner.isInterface() && Modifier.isAbstract(method.getModifiers());
                case SUPER_CONSTRUCTOR, CONSTANT, POLYMORPHIC -> false; // checked above
            };
            if (method.getReturnType() != type.returnType()) {
                problems.add(b + ": returns " + method.getReturnType().getName() + ", not " + type.returnType().getName());
            }
            if (!kindMatches) {
                problems.add(b + ": not " + b.kind() + " (" + method + ")");
            }
            if (!Modifier.isPublic(owner.getModifiers())) {
                problems.add(b + ": " + owner.getName() + " is not public");
            }
            if (!b.owner().equals(owner.getName().replace('.', '/'))) {
                problems.add(b + ": owner " + b.owner());
            }
        }
        assertEquals(List.of(), problems);
    }

    /** A field generated code reads: public, static and final, of exactly this type, in a public class. */
    private static List<String> constantProblems(Builtin b, Class<?> owner) {
        List<String> problems = new ArrayList<>();
        try {
            var field = owner.getField(b.method());
            int access = field.getModifiers();
            if (!Modifier.isStatic(access) || !Modifier.isFinal(access) || !Modifier.isPublic(owner.getModifiers())) {
                problems.add(b + ": not a public static final field of a public class");
            }
            if (!Type.getDescriptor(field.getType()).equals(b.descriptor())) {
                problems.add(b + ": of type " + field.getType().getName() + ", not " + b.descriptor());
            }
        } catch (NoSuchFieldException e) {
            problems.add(b + ": no public field " + owner.getName() + "." + b.method());
        }
        return problems;
    }

    /**
     * A signature-polymorphic method (the JVM links each call site at its own descriptor): a native varargs method of
     * {@code VarHandle} or {@code MethodHandle} taking and returning {@code Object}.
     */
    private static List<String> polymorphicProblems(Builtin b, Class<?> owner) {
        List<String> problems = new ArrayList<>();
        if (owner != VarHandle.class && owner != MethodHandle.class) {
            problems.add(b + ": " + owner.getName() + " has no signature-polymorphic methods");
            return problems;
        }
        try {
            Method method = owner.getMethod(b.method(), Object[].class);
            if (!Modifier.isNative(method.getModifiers()) || !method.isVarArgs()) {
                problems.add(b + ": " + method + " is not signature-polymorphic");
            }
        } catch (NoSuchMethodException e) {
            problems.add(b + ": no method " + owner.getName() + "." + b.method());
        }
        return problems;
    }

    /** A class generated classes extend: public, abstract, with an accessible constructor of exactly that type. */
    private static List<String> superConstructorProblems(Builtin b, Class<?> owner, MethodType type) {
        List<String> problems = new ArrayList<>();
        if (!b.method().equals("<init>") || type.returnType() != void.class) {
            problems.add(b + ": not a constructor");
        }
        try {
            var constructor = owner.getDeclaredConstructor(type.parameterArray());
            int access = constructor.getModifiers();
            if (!Modifier.isPublic(access) && !Modifier.isProtected(access)) {
                problems.add(b + ": constructor neither public nor protected");
            }
        } catch (NoSuchMethodException e) {
            problems.add(b + ": no constructor " + b.descriptor());
        }
        if (!Modifier.isPublic(owner.getModifiers()) || !Modifier.isAbstract(owner.getModifiers())
                || owner.isInterface()) {
            problems.add(b + ": " + owner.getName() + " is not a public abstract class");
        }
        return problems;
    }

    /** The runtime's helper classes have no public method outside the list: the list is the whole contract. */
    @Test
    void theListHoldsEveryPublicMethodOfTheRuntimesHelperClasses() {
        Set<String> listed = new HashSet<>();
        Set<Class<?>> owners = new HashSet<>();
        for (Builtin b : Builtin.values()) {
            listed.add(b.owner() + "." + b.method() + b.descriptor());
            owners.add(b.ownerClass());
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> owner : owners) {
            boolean helpers = owner.getSimpleName().endsWith("Ops") || owner == Linkage.class;
            if (!owner.getPackageName().equals("dev.wasm2jar.runtime.abi") || !helpers) {
                continue;
            }
            for (Method m : owner.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    String key = owner.getName().replace('.', '/') + "." + m.getName()
                            + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
                    if (!listed.contains(key)) {
                        missing.add(key);
                    }
                }
            }
        }
        assertEquals(Set.of(), missing, "public helpers missing from Builtin");
    }

    /**
     * Compiled code calls nothing of the runtime or the JDK but the list (and {@code MethodHandle.invokeExact}, whose
     * descriptor is the call site's), and touches no field outside its own classes: not {@code Memory.buffer()}, not
     * {@code Global}'s accessors, not {@code Linkage}'s arrays.
     */
    @Test
    void generatedCodeReachesOnlyTheList() throws Exception {
        Set<String> listed = new HashSet<>();
        for (Builtin b : Builtin.values()) {
            if (b.kind() != Builtin.Kind.IMPLEMENTED) {
                listed.add(b.owner() + "." + b.method() + b.descriptor());
            }
        }
        List<CompiledModule> modules = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/simd/selfcheck-O2.wasm")) {
            modules.add(Compiler.compile(in.readAllBytes(), new CompilerOptions("abi.SelfCheck")));
        }
        assertTrue(TextFormat.available(), "wabt's wat2wasm (bin/setup installs it)");
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path wat : files.filter(f -> f.toString().endsWith(".wat")).sorted().toList()) {
                String name = "abi." + wat.getFileName().toString().replace(".wat", "");
                modules.add(Compiler.compile(TextFormat.assemble(wat), new CompilerOptions(name)));
                modules.add(Compiler.compile(TextFormat.assemble(wat), new CompilerOptions(name + "Metered")
                        .withMetering(true)));
            }
        }
        Set<String> outside = new TreeSet<>();
        int calls = 0;
        for (CompiledModule module : modules) {
            Set<String> own = new HashSet<>();
            module.files().keySet().stream().filter(f -> f.endsWith(".class"))
                    .forEach(f -> own.add(f.substring(0, f.length() - ".class".length())));
            for (var file : module.files().entrySet()) {
                if (file.getKey().endsWith(".class")) {
                    calls += scan(file.getValue(), own, listed, outside);
                }
            }
        }
        assertTrue(calls > 500, calls + " calls scanned");
        assertEquals(Set.of(), outside);
    }

    /** Adds to {@code outside} every call or field access of the class that is neither its own nor listed. */
    private static int scan(byte[] classFile, Set<String> own, Set<String> listed, Set<String> outside) {
        int[] calls = {0};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String d, boolean itf) {
                        calls[0]++;
                        boolean invokeExact = owner.equals("java/lang/invoke/MethodHandle")
                                && method.equals("invokeExact");
                        boolean superConstructor = owner.equals("java/lang/Object") && method.equals("<init>");
                        if (!own.contains(owner) && !invokeExact && !superConstructor
                                && !listed.contains(owner + "." + method + d)) {
                            outside.add(owner + "." + method + d);
                        }
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String d) {
                        if (!own.contains(owner) && !listed.contains(owner + "." + field + d)) {
                            outside.add(owner + "." + field + ":" + d);
                        }
                    }
                };
            }
        }, 0);
        return calls[0];
    }
}
