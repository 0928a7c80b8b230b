package dev.wasm2jar.wasi.internal.fd;

import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sandbox: resolves a guest path beneath a directory descriptor, one component at a time, the way the kernel
 * would, but never leaving that directory. Absolute paths, a {@code ..} above the directory, and symbolic links whose
 * target is absolute or climbs out (directly or through further links) fail with {@link Errno#NOTCAPABLE}.
 *
 * <p>Every component before the last is checked to be a real directory (no symbolic link) of the host, so the host
 * path handed to NIO has no link in it but, when not followed, the last component. Only the last component is left
 * to the caller, to operate on without following ({@code NOFOLLOW_LINKS}).
 */
public final class PathResolver {
    /** Links followed in one resolution before {@link Errno#LOOP}, as Linux's limit. */
    static final int MAX_LINKS = 40;

    private PathResolver() {}

    /**
     * A resolved guest path.
     *
     * @param host the host path: the directory itself, or beneath it
     * @param name the last component, or null when the path names the directory itself
     * @param trailingSlash the guest path ended in {@code /}: it must name a directory
     */
    public record Resolved(Path host, String name, boolean trailingSlash) {
        public boolean isSelf() {
            return name == null;
        }
    }

    /**
     * Resolves {@code path} beneath {@code dir}.
     *
     * @param followLast whether a symbolic link as the last component is followed (a trailing slash follows it too)
     */
    public static Resolved resolve(OpenDirectory dir, String path, boolean followLast) throws IOException {
        if (path.isEmpty()) {
            throw ErrnoException.of(Errno.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        if (path.startsWith("/")) {
            throw ErrnoException.of(Errno.NOTCAPABLE);
        }
        boolean trailingSlash = path.endsWith("/");
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        List<String> stack = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            boolean last = todo.isEmpty();
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw ErrnoException.of(Errno.NOTCAPABLE);
                }
                stack.remove(stack.size() - 1);
                continue;
            }
            Path candidate = join(dir.host(), stack).resolve(c);
            if (!last || followLast || trailingSlash) {
                BasicFileAttributes a = attributes(candidate);
                if (a != null && a.isSymbolicLink()) {
                    if (++links > MAX_LINKS) {
                        throw ErrnoException.of(Errno.LOOP);
                    }
                    String target = Files.readSymbolicLink(candidate).toString();
                    if (target.isEmpty()) {
                        throw ErrnoException.of(Errno.NOENT);
                    }
                    if (target.startsWith("/")) {
                        throw ErrnoException.of(Errno.NOTCAPABLE);
                    }
                    push(todo, target);
                    continue;
                }
                if (!last) {
                    if (a == null) {
                        throw ErrnoException.of(Errno.NOENT);
                    }
                    if (!a.isDirectory()) {
                        throw ErrnoException.of(Errno.NOTDIR);
                    }
                }
            }
            stack.add(c);
        }
        if (stack.isEmpty()) {
            return new Resolved(dir.host(), null, trailingSlash);
        }
        return new Resolved(join(dir.host(), stack), stack.get(stack.size() - 1), trailingSlash);
    }

    /**
     * Whether a symbolic link at {@code link} (a host path beneath {@code root}) with content {@code target} stays
     * within {@code root} when followed: the target is relative and never climbs above {@code root}.
     */
    public static boolean staysWithin(Path root, Path link, String target) {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        Path parent = link.getParent();
        if (parent == null || !parent.startsWith(root)) {
            return false;
        }
        int depth = root.relativize(parent).toString().isEmpty() ? 0 : root.relativize(parent).getNameCount();
        for (String c : target.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            depth += c.equals("..") ? -1 : 1;
            if (depth < 0) {
                return false;
            }
        }
        return true;
    }

    /** Puts the components of {@code path} (without empty ones and {@code .}) in front of {@code todo}. */
    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                todo.addFirst(parts[i]);
            }
        }
    }

    private static Path join(Path base, List<String> components) {
        Path p = base;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    /** The attributes of {@code path} itself, or null when nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
