// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.SocketListener;
import dev.lifecycle.spi.SocketListeners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux: which processes listen on Unix sockets bound inside a directory. The kernel's
 * socket table ({@code /proc/net/unix}) gives each listening socket's bound path and its
 * socket inode; a process holds the socket when one of its file descriptors links to
 * {@code socket:[inode]} ({@code /proc/<pid>/fd}). Nothing is matched by process name.
 *
 * <p>The bound path is the one given to {@code bind(2)}, so a socket renamed after binding
 * (OpenSSH binds {@code ssh.sock.<random>} and renames it to {@code ssh.sock}) still counts
 * by its directory. Only this network namespace's sockets are seen, and only the file
 * descriptors of processes this user may inspect: the rest is reported as a gap.
 */
final class LinuxSocketListeners {

    /** {@code __SO_ACCEPTCON} in the Flags column: the socket is listening. */
    private static final long ACCEPTING = 0x10000L;

    private final Path procRoot;
    private final ProcessInspector inspector;

    LinuxSocketListeners(Path procRoot, ProcessInspector inspector) {
        this.procRoot = procRoot;
        this.inspector = inspector;
    }

    /** A listening socket from the table. */
    record BoundSocket(long inode, Path path) {
    }

    SocketListeners find(Path directory) {
        List<BoundSocket> table;
        try {
            table = parseTable(Files.readString(procRoot.resolve("net").resolve("unix"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return SocketListeners.notSearched("cannot read " + procRoot.resolve("net/unix") + ": " + e);
        }
        Map<Long, Path> wanted = new LinkedHashMap<>();
        for (BoundSocket s : table) {
            if (isDirectlyIn(s.path(), directory)) {
                wanted.put(s.inode(), s.path());
            }
        }
        if (wanted.isEmpty()) {
            return new SocketListeners(List.of(), List.of());
        }
        return resolveOwners(wanted);
    }

    /**
     * Parses {@code /proc/net/unix}: {@code Num RefCount Protocol Flags Type St Inode Path}.
     * Only listening sockets with an absolute path are kept (abstract ones start with
     * {@code @}, unbound ones have no path). Lines that do not parse are skipped.
     *
     * @param content the file content
     * @return the listening sockets
     */
    static List<BoundSocket> parseTable(String content) {
        List<BoundSocket> sockets = new ArrayList<>();
        for (String line : content.split("\n")) {
            Optional<BoundSocket> s = parseLine(line);
            s.ifPresent(sockets::add);
        }
        return sockets;
    }

    private static Optional<BoundSocket> parseLine(String line) {
        int pos = 0;
        String[] fields = new String[7];
        for (int i = 0; i < fields.length; i++) {
            while (pos < line.length() && line.charAt(pos) == ' ') {
                pos++;
            }
            int start = pos;
            while (pos < line.length() && line.charAt(pos) != ' ') {
                pos++;
            }
            if (start == pos) {
                return Optional.empty();
            }
            fields[i] = line.substring(start, pos);
        }
        // The path is everything after the single space that follows the inode.
        if (pos + 1 >= line.length() || line.charAt(pos + 1) != '/') {
            return Optional.empty();
        }
        try {
            long flags = Long.parseLong(fields[3], 16);
            if ((flags & ACCEPTING) == 0) {
                return Optional.empty();
            }
            long inode = Long.parseLong(fields[6]);
            return Optional.of(new BoundSocket(inode, Path.of(line.substring(pos + 1))));
        } catch (NumberFormatException | InvalidPathException e) {
            return Optional.empty(); // the header line, or a path Java cannot represent
        }
    }

    /**
     * Whether a bound path lies directly in the directory: its parent is the directory as
     * given or as the kernel resolves it. A parent that differs as text is resolved only
     * when a file of that name exists in the directory (cheap, and enough for a Lima home
     * reached through a symlink).
     */
    private static boolean isDirectlyIn(Path bound, Path directory) {
        Path parent = bound.getParent();
        if (parent == null || bound.getFileName() == null) {
            return false;
        }
        Path dir = directory.toAbsolutePath().normalize();
        if (parent.normalize().equals(dir)) {
            return true;
        }
        try {
            Path realDir = directory.toRealPath();
            if (parent.normalize().equals(realDir)) {
                return true;
            }
            return Files.exists(dir.resolve(bound.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)
                    && parent.toRealPath().equals(realDir);
        } catch (IOException e) {
            return false;
        }
    }

    private SocketListeners resolveOwners(Map<Long, Path> wanted) {
        Set<Long> found = new HashSet<>();
        List<SocketListener> listeners = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        int uninspectable = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(procRoot, LinuxSocketListeners::isPidDir)) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                Optional<List<Long>> held = heldSockets(proc, wanted);
                if (held.isEmpty()) {
                    uninspectable++;
                    continue;
                }
                if (held.get().isEmpty()) {
                    continue;
                }
                ProcessStatus status = inspector.inspect(pid);
                if (status instanceof ProcessStatus.Running running) {
                    for (long inode : held.get()) {
                        found.add(inode);
                        listeners.add(new SocketListener(pid, running.start(), wanted.get(inode)));
                    }
                } else if (status instanceof ProcessStatus.Inaccessible inaccessible) {
                    held.get().forEach(found::add);
                    gaps.add(inaccessible.detail() + " holds a socket in the directory");
                }
                // Exited meanwhile: nothing left to stop.
            }
        } catch (IOException e) {
            return new SocketListeners(listeners, List.of("cannot list " + procRoot + ": " + e));
        }
        if (uninspectable > 0) {
            for (Map.Entry<Long, Path> w : wanted.entrySet()) {
                if (!found.contains(w.getKey())) {
                    gaps.add(w.getValue().getFileName() + " is listened on by a process not found among those this"
                            + " user may inspect (" + uninspectable + " could not be inspected)");
                }
            }
        }
        return new SocketListeners(listeners, gaps);
    }

    private static boolean isPidDir(Path p) {
        String name = p.getFileName().toString();
        if (name.isEmpty() || name.length() > 18) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The wanted socket inodes a process holds.
     *
     * @return the inodes (possibly none), or empty if its descriptors cannot be read
     */
    private static Optional<List<Long>> heldSockets(Path proc, Map<Long, Path> wanted) {
        List<Long> held = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    try {
                        long inode = Long.parseLong(target.substring(8, target.length() - 1));
                        if (wanted.containsKey(inode) && !held.contains(inode)) {
                            held.add(inode);
                        }
                    } catch (NumberFormatException e) {
                        // not a socket inode after all
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.of(List.of()); // exited meanwhile
        } catch (AccessDeniedException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(held);
    }
}
