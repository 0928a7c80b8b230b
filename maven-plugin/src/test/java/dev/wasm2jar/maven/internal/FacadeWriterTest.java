package dev.wasm2jar.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade of the example C library: its shape, and Javadoc that the javadoc tool accepts with every check on. */
class FacadeWriterTest {
    @TempDir
    Path dir;

    private Path facade() throws Exception {
        Path wasm = dir.resolve("mathlib.wasm");
        Files.copy(ModuleBuildTest.MATHLIB, wasm);
        new ModuleBuild(wasm, "com.example.Mathlib", true, dir.resolve("classes"), dir.resolve("sources"),
                dir.resolve("stamp.properties"), Set.of("wasi_snapshot_preview1")).run("1.0", "c");
        return dir.resolve("sources/com/example/Mathlib.java");
    }

    @Test
    void oneTypedMethodPerExportAndAHostInterfaceForTheImports() throws Exception {
        String source = Files.readString(facade());
        for (String member : List.of("public interface Host {", "void progress(int arg0, int arg1);",
                "public static Mathlib instantiate(Host host) {",
                "public static Mathlib instantiate(Linker linker, Host host) {",
                "public int add(int arg0, int arg1) {", "public long fib(int arg0) {",
                "public double hypot(double arg0, double arg1) {", "public int checksum(int arg0) {",
                "public dev.wasm2jar.runtime.Memory memory() {", "public int heapBase() {",
                "return (int) add.invokeExact(arg0, arg1);", "throw TrapOps.fromJava(t);")) {
            assertTrue(source.contains(member), member);
        }
    }

    @Test
    void itsJavadocPassesEveryCheck() throws Exception {
        Path source = facade();
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javadoc.getStandardFileManager(problems, null, null)) {
            boolean ok = javadoc.getTask(out, files, problems, null,
                    List.of("-Xdoclint:all", "-quiet", "-d", dir.resolve("apidocs").toString(), "-cp",
                            System.getProperty("java.class.path")),
                    files.getJavaFileObjects(source)).call();
            assertEquals(List.of(), problems.getDiagnostics().stream().map(Object::toString).toList());
            assertTrue(ok, out.toString());
        }
    }
}
