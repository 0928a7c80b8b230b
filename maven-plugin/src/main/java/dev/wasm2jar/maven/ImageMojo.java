package dev.wasm2jar.maven;

import dev.wasm2jar.compiler.CompilationException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Compiler;
import dev.wasm2jar.compiler.CompilerOptions;
import dev.wasm2jar.maven.internal.ContainerImage;
import dev.wasm2jar.maven.internal.JavaNames;
import dev.wasm2jar.maven.internal.RunnableJar;
import dev.wasm2jar.runtime.WasmException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The goal {@code image}: turns a WASI command into a runnable jar ({@code java -jar app.jar [--dir ...] ARGS}) and an
 * OCI container image of it, built with Jib: no Docker daemon. Bound to {@code package}.
 *
 * <p>The image is the {@link #from} image (a JRE) with the jar at {@code /app}, the entrypoint
 * {@code java -jar /app/NAME.jar} and {@link #args} (WASI flags such as {@code --dir}, {@code --env},
 * {@code --tcplisten}, then the guest's arguments) as its command. It goes to {@link #imageTar} for
 * {@code podman load -i}, or to a registry with {@code -Dwasm2jar.image.push}.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ImageMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The WASI command to package. */
    @Parameter(property = "wasm2jar.command", required = true)
    private File command;

    /** The runnable jar to write. */
    @Parameter(property = "wasm2jar.jar", defaultValue = "${project.build.directory}/${project.artifactId}-wasi.jar")
    private File jar;

    /** Whether to build the image too; without it only the runnable jar. */
    @Parameter(property = "wasm2jar.image", defaultValue = "true")
    private boolean image;

    /** The base image, a JRE of Java 21 or newer; {@code tar:///PATH} takes one saved as a tar file. */
    @Parameter(property = "wasm2jar.image.from", defaultValue = "eclipse-temurin:21-jre")
    private String from;

    /** The image's name. */
    @Parameter(property = "wasm2jar.image.name", defaultValue = "${project.artifactId}:${project.version}")
    private String name;

    /** The tar file the image goes to, unless {@link #push} is set. */
    @Parameter(property = "wasm2jar.image.tar",
            defaultValue = "${project.build.directory}/${project.artifactId}-image.tar")
    private File imageTar;

    /** Pushes the image to the registry its {@link #name} names instead of writing {@link #imageTar}. */
    @Parameter(property = "wasm2jar.image.push", defaultValue = "false")
    private boolean push;

    /** The java command in the base image. */
    @Parameter(property = "wasm2jar.image.java", defaultValue = "java")
    private String java;

    /** JVM flags, before {@code -jar}. */
    @Parameter
    private List<String> jvmFlags;

    /** The launcher's arguments: WASI flags ({@code --dir}, {@code --env}, {@code --tcplisten}), then the guest's. */
    @Parameter
    private List<String> args;

    /** Ports the image exposes: {@code 8080}, {@code 8080/tcp}. */
    @Parameter
    private List<String> ports;

    /** Where Jib caches layers; its user-wide cache when not set. */
    @Parameter(property = "wasm2jar.image.cache")
    private File cache;

    /** Skips the goal. */
    @Parameter(property = "wasm2jar.skip", defaultValue = "false")
    private boolean skip;

    /** Made by Maven. */
    public ImageMojo() {}

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wasm2jar: skipped");
            return;
        }
        if (!command.isFile()) {
            throw new MojoFailureException("wasm2jar: no WASI command at " + command);
        }
        String base = command.getName().replaceFirst("\\.wasm$", "");
        CompiledModule compiled;
        try {
            compiled = Compiler.compile(Files.readAllBytes(command.toPath()),
                    new CompilerOptions("wasm." + JavaNames.type(base) + "Module"));
            RunnableJar.write(compiled, jar.toPath());
        } catch (WasmException | CompilationException e) {
            throw new MojoFailureException("wasm2jar: " + command + ": " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("wasm2jar: cannot write " + jar + ": " + e, e);
        }
        getLog().info("wasm2jar: wrote the runnable jar " + jar);
        if (!image) {
            return;
        }
        ContainerImage spec = new ContainerImage(from, name, java, list(jvmFlags), list(args), list(ports));
        try {
            String digest = spec.build(jar.toPath(), push ? null : imageTar.toPath(),
                    cache == null ? null : cache.toPath(), m -> getLog().debug("jib: " + m));
            getLog().info("wasm2jar: built the image " + name + " (" + digest + ") from " + from
                    + (push ? ", pushed" : " into " + imageTar) + "; it runs " + String.join(" ",
                    spec.entrypoint(jar.toPath())) + " " + String.join(" ", list(args)));
        } catch (Exception e) {
            throw new MojoFailureException("wasm2jar: cannot build the image " + name + " from " + from + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
