package dev.wasm2jar.maven.internal;

import java.util.Collection;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;

/**
 * The check that a project can run what the plugin generates: compiled modules and facades link against
 * {@code dev.wasm2jar:runtime-support} of the plugin's own version, on the compile class path.
 */
public final class RuntimeDependency {
    /** The group of wasm2jar's artifacts. */
    public static final String GROUP = "dev.wasm2jar";
    /** The artifact compiled code needs at run time. */
    public static final String ARTIFACT = "runtime-support";

    private RuntimeDependency() {}

    /**
     * The problem with {@code artifacts} (the project's resolved dependencies), as the whole error message, or
     * empty when runtime-support of {@code version} is there in scope compile.
     */
    public static Optional<String> problem(Collection<Artifact> artifacts, String version) {
        String snippet = "<dependency><groupId>" + GROUP + "</groupId><artifactId>" + ARTIFACT
                + "</artifactId><version>" + version + "</version></dependency>";
        Artifact found = artifacts.stream()
                .filter(a -> GROUP.equals(a.getGroupId()) && ARTIFACT.equals(a.getArtifactId()))
                .findFirst().orElse(null);
        if (found == null) {
            return Optional.of("the compiled modules need " + GROUP + ":" + ARTIFACT + ":" + version
                    + " on the project's dependencies; add " + snippet);
        }
        if (!Artifact.SCOPE_COMPILE.equals(found.getScope())) {
            return Optional.of(GROUP + ":" + ARTIFACT + " is in scope " + found.getScope()
                    + ", but the facades compile against it and the modules run with it: use scope compile");
        }
        if (!version.equals(found.getBaseVersion())) {
            return Optional.of("the project has " + GROUP + ":" + ARTIFACT + ":" + found.getBaseVersion()
                    + ", but this plugin compiles for " + version + " (the classes link against its exact version); use "
                    + snippet);
        }
        return Optional.empty();
    }
}
