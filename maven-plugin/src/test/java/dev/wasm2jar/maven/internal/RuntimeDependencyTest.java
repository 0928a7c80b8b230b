package dev.wasm2jar.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class RuntimeDependencyTest {
    private static Artifact artifact(String group, String id, String version, String scope) {
        return new DefaultArtifact(group, id, version, scope, "jar", null, new DefaultArtifactHandler("jar"));
    }

    @Test
    void runtimeSupportOfThePluginsVersionInScopeCompileIsRight() {
        assertTrue(RuntimeDependency.problem(List.of(artifact("org.example", "other", "1", "compile"),
                artifact("dev.wasm2jar", "runtime-support", "0.1.0", "compile")), "0.1.0").isEmpty());
    }

    @Test
    void aMissingRuntimeSaysWhatToAdd() {
        assertEquals("the compiled modules need dev.wasm2jar:runtime-support:0.1.0 on the project's dependencies; add "
                + "<dependency><groupId>dev.wasm2jar</groupId><artifactId>runtime-support</artifactId>"
                + "<version>0.1.0</version></dependency>",
                RuntimeDependency.problem(List.of(), "0.1.0").orElseThrow());
    }

    @Test
    void anotherVersionOrScopeIsAProblem() {
        assertTrue(RuntimeDependency.problem(List.of(artifact("dev.wasm2jar", "runtime-support", "0.0.9", "compile")),
                "0.1.0").orElseThrow().startsWith("the project has dev.wasm2jar:runtime-support:0.0.9, but this plugin"
                + " compiles for 0.1.0"));
        assertTrue(RuntimeDependency.problem(List.of(artifact("dev.wasm2jar", "runtime-support", "0.1.0", "test")),
                "0.1.0").orElseThrow().startsWith("dev.wasm2jar:runtime-support is in scope test"));
    }
}
