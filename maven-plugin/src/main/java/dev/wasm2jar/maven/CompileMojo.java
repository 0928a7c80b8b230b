package dev.wasm2jar.maven;

import dev.wasm2jar.compiler.CompilationException;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.maven.internal.JavaNames;
import dev.wasm2jar.maven.internal.ModuleBuild;
import dev.wasm2jar.maven.internal.RuntimeDependency;
import dev.wasm2jar.maven.internal.Stamp;
import dev.wasm2jar.runtime.WasmException;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * The goal {@code compile}: compiles the project's WebAssembly modules ({@code src/main/wasm/*.wasm}) into its
 * classes, and writes a typed Java facade per module into {@code target/generated-sources/wasm2jar}, which the
 * project's own compilation then compiles. Bound to {@code generate-sources}, so the classes are there before
 * {@code compile} and tests.
 *
 * <p>A module {@code my-lib.wasm} becomes the facade {@code wasm.MyLib} (the package is {@link #packageName}, the
 * name can be set per file with {@link #classNames}) and the compiled class {@code wasm.MyLibModule}. A module whose
 * bytes, plugin version and options are unchanged since the last build, and whose outputs are still there, is not
 * compiled again.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CompileMojo extends AbstractMojo {
    /** The host modules wasm2jar has: their imports are left to a linker, not listed in a facade's Host. */
    static final List<String> DEFAULT_HOST_MODULES = List.of("wasi_snapshot_preview1", "wasi_unstable",
            "wasi_ephemeral_nn", "wasmedge_tensorflowlite", "wasmedge_image");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /** Where the modules are. */
    @Parameter(property = "wasm2jar.wasmDirectory", defaultValue = "${project.basedir}/src/main/wasm")
    private File wasmDirectory;

    /** Which files of {@link #wasmDirectory} to compile, as glob patterns relative to it; {@code *.wasm} by default. */
    @Parameter
    private List<String> includes;

    /** The package of the facades and compiled classes. */
    @Parameter(property = "wasm2jar.packageName", defaultValue = "wasm")
    private String packageName;

    /**
     * Facade class names by file name without {@code .wasm}, overriding {@link #packageName}:
     * {@code <classNames><my-lib>com.example.MyLib</my-lib></classNames>}.
     */
    @Parameter
    private Map<String, String> classNames;

    /** Whether to write a typed facade per module; without it, only the compiled classes. */
    @Parameter(property = "wasm2jar.facade", defaultValue = "true")
    private boolean facade;

    /**
     * Import modules that a facade leaves to a linker's host modules instead of listing them in its {@code Host}
     * interface; by default WASI's ({@code wasi_snapshot_preview1}, {@code wasi_unstable}, WasmEdge's sockets
     * among them) and nn-impl's ({@code wasi_ephemeral_nn}, {@code wasmedge_tensorflowlite}, {@code wasmedge_image}).
     */
    @Parameter
    private List<String> hostModules;

    /** Where the compiled classes go. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File outputDirectory;

    /** Where the facades' sources go; added to the project's source roots. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/wasm2jar", required = true)
    private File generatedSourcesDirectory;

    /** Where the plugin keeps what each module was built from, to skip unchanged ones. */
    @Parameter(defaultValue = "${project.build.directory}/wasm2jar", required = true)
    private File stateDirectory;

    /** Whether to check that runtime-support of this plugin's version is a compile dependency of the project. */
    @Parameter(property = "wasm2jar.checkRuntimeDependency", defaultValue = "true")
    private boolean checkRuntimeDependency;

    /** Skips the goal. */
    @Parameter(property = "wasm2jar.skip", defaultValue = "false")
    private boolean skip;

    /** Made by Maven. */
    public CompileMojo() {}

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wasm2jar: skipped");
            return;
        }
        List<Path> modules = modules();
        if (modules.isEmpty()) {
            getLog().info("wasm2jar: no modules in " + relative(wasmDirectory.toPath()));
            return;
        }
        if (checkRuntimeDependency) {
            var problem = RuntimeDependency.problem(project.getArtifacts(), plugin.getVersion());
            if (problem.isPresent()) {
                throw new MojoFailureException("wasm2jar: " + problem.get());
            }
        }
        Set<String> hosts = new LinkedHashSet<>(hostModules == null ? DEFAULT_HOST_MODULES : hostModules);
        String compilerDigest = Stamp.codeDigest(Compiler.class);
        Path states = stateDirectory.toPath();
        Set<Path> current = new HashSet<>();
        Set<String> facades = new HashSet<>();
        for (Path wasm : modules) {
            String base = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
            String facadeClass = classNames != null && classNames.containsKey(base) ? classNames.get(base)
                    : (packageName.isEmpty() ? "" : packageName + ".") + JavaNames.type(base);
            if (!facades.add(facadeClass)) {
                throw new MojoFailureException("wasm2jar: two modules would be " + facadeClass
                        + "; name one with <classNames>");
            }
            Path stamp = states.resolve(facadeClass + ".properties");
            current.add(stamp);
            ModuleBuild build = new ModuleBuild(wasm, facadeClass, facade, outputDirectory.toPath(),
                    generatedSourcesDirectory.toPath(), stamp, hosts);
            try {
                ModuleBuild.Result result = build.run(plugin.getVersion(), compilerDigest);
                if (result.outcome() == ModuleBuild.Outcome.UP_TO_DATE) {
                    getLog().info("wasm2jar: " + relative(wasm) + " is up to date (" + facadeClass + ")");
                } else {
                    var s = result.stats();
                    getLog().info("wasm2jar: compiled " + relative(wasm) + " to " + facadeClass + " ("
                            + s.functions() + " functions, " + s.classes() + " classes, " + s.millis() + " ms)");
                }
            } catch (WasmException | CompilationException e) {
                throw new MojoFailureException("wasm2jar: " + relative(wasm) + ": " + kind(e) + e.getMessage());
            } catch (IOException e) {
                throw new MojoExecutionException("wasm2jar: " + relative(wasm) + ": " + e, e);
            }
        }
        removeStale(states, current);
        if (facade) {
            project.addCompileSourceRoot(generatedSourcesDirectory.getPath());
        }
    }

    /** The configured .wasm files, sorted. */
    private List<Path> modules() throws MojoExecutionException {
        Path dir = wasmDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : includes == null || includes.isEmpty() ? List.of("*.wasm") : includes) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> matchers.stream().anyMatch(m -> m.matches(dir.relativize(f))))
                    .sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("wasm2jar: cannot list " + dir + ": " + e, e);
        }
    }

    /** Deletes the outputs of modules built before and no longer configured. */
    private void removeStale(Path states, Set<Path> current) throws MojoExecutionException {
        if (!Files.isDirectory(states)) {
            return;
        }
        try (Stream<Path> files = Files.list(states)) {
            for (Path stamp : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                if (!current.contains(stamp)) {
                    getLog().info("wasm2jar: removing the outputs of " + stamp.getFileName() + " (module gone)");
                    ModuleBuild.deleteOutputs(stamp);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("wasm2jar: cannot clean " + states + ": " + e, e);
        }
    }

    private static String kind(RuntimeException e) {
        return switch (e) {
            case dev.wasm2jar.runtime.MalformedException m -> "malformed module: ";
            case dev.wasm2jar.runtime.InvalidException i -> "invalid module: ";
            case CompilationException c -> "cannot compile: ";
            default -> "";
        };
    }

    private String relative(Path p) {
        Path base = project.getBasedir().toPath().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
