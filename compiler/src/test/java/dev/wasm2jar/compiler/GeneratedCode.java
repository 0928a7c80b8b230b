package dev.wasm2jar.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The methods and instructions of a compiled module's classes, read with ASM's tree API, for tests of their shape. */
final class GeneratedCode {
    private GeneratedCode() {}

    /** The methods of class {@code internalName} of the module. */
    static List<MethodNode> methods(CompiledModule compiled, String internalName) {
        ClassNode node = new ClassNode();
        new ClassReader(compiled.files().get(internalName + ".class")).accept(node, 0);
        return node.methods;
    }

    /** The methods of every class of the module. */
    static List<MethodNode> allMethods(CompiledModule compiled) {
        List<MethodNode> all = new ArrayList<>();
        compiled.files().keySet().stream().filter(name -> name.endsWith(".class"))
                .forEach(name -> all.addAll(methods(compiled, name.substring(0, name.length() - ".class".length()))));
        return all;
    }

    /** The instructions of {@code method} of node type {@code type}, in order. */
    static <T extends AbstractInsnNode> Stream<T> instructions(MethodNode method, Class<T> type) {
        return Stream.of(method.instructions.toArray()).filter(type::isInstance).map(type::cast);
    }

    /** The real instruction before {@code insn} (labels, line numbers and frames skipped), or null. */
    static AbstractInsnNode previous(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }
}
