package dev.wasm2jar.maven.internal;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An OCI image of a runnable jar, built with Jib's library: the base image (a JRE), one layer with the jar at
 * {@code /app/NAME.jar}, the entrypoint {@code java [JVM flags] -jar /app/NAME.jar} and the configured WASI flags and
 * guest arguments as its arguments (the image's {@code CMD}, which {@code podman run IMAGE ARGS...} replaces). No
 * Docker daemon: the image goes to a tar file ({@code podman load -i}) or straight to a registry.
 *
 * @param from the base image: a registry reference ({@code eclipse-temurin:21-jre}), or {@code tar:///PATH} for an
 *             image saved as a tar file
 * @param to the image's name, such as {@code registry.example.com/team/app:1.0}
 * @param java the java command in the base image
 * @param jvmFlags flags for the JVM, before {@code -jar}
 * @param args the launcher's arguments: WASI flags ({@code --dir}, {@code --env}, {@code --tcplisten}), then the guest's
 * @param ports ports the image exposes, such as {@code 8080} or {@code 8080/tcp}
 */
public record ContainerImage(String from, String to, String java, List<String> jvmFlags, List<String> args,
        List<String> ports) {
    /** Where the jar lives in the image. */
    public static final String APP_DIRECTORY = "/app";

    /** The whole command the image runs: entrypoint, then arguments. */
    public List<String> entrypoint(Path jar) {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(java);
        entrypoint.addAll(jvmFlags);
        entrypoint.add("-jar");
        entrypoint.add(APP_DIRECTORY + "/" + jar.getFileName());
        return entrypoint;
    }

    /**
     * Builds the image of {@code jar} into the tar file {@code tar}, or pushes it to {@link #to}'s registry when
     * {@code tar} is null.
     *
     * @param log where Jib's progress messages go
     * @return the image's digest
     */
    public String build(Path jar, Path tar, Path cache, Consumer<String> log) throws Exception {
        JibContainerBuilder builder = Jib.from(from)
                .addLayer(List.of(jar), AbsoluteUnixPath.get(APP_DIRECTORY))
                .setEntrypoint(entrypoint(jar))
                .setProgramArguments(args)
                .setFormat(ImageFormat.OCI);
        for (String port : ports) {
            builder.addExposedPort(port(port));
        }
        Containerizer containerizer = tar != null ? Containerizer.to(TarImage.at(tar).named(to))
                : Containerizer.to(RegistryImage.named(to));
        containerizer.setToolName("wasm2jar-maven-plugin")
                .setOfflineMode(from.startsWith(Jib.TAR_IMAGE_PREFIX) && tar != null)
                .addEventHandler(com.google.cloud.tools.jib.api.LogEvent.class, e -> log.accept(e.getMessage()));
        if (cache != null) {
            containerizer.setApplicationLayersCache(cache.resolve("application"));
            containerizer.setBaseImageLayersCache(cache.resolve("base"));
        }
        JibContainer container = builder.containerize(containerizer);
        return container.getDigest().toString();
    }

    private static Port port(String text) throws InvalidImageReferenceException {
        String[] parts = text.split("/");
        int number = Integer.parseInt(parts[0]);
        return parts.length > 1 && parts[1].equalsIgnoreCase("udp") ? Port.udp(number) : Port.tcp(number);
    }
}
