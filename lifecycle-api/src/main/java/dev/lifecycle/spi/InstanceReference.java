// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which instance directory a process refers to, read from its {@link ProcessEvidence}: the
 * clock-free evidence of the identity rule, written once.
 *
 * <p>A process refers to an instance directory {@code D} when
 * <ul>
 *   <li>its command line names a PID file, socket or disk image directly in {@code D}
 *       ({@code --pidfile D/ha.pid}, {@code -pidfile D/qemu.pid}, {@code -qmp unix:D/qmp.sock},
 *       {@code path=D/diffdisk}), or names {@code D} itself after {@code --inst-dir} (Lima's
 *       external driver servers); or</li>
 *   <li>it has a file directly in {@code D} open for writing: a log ({@code ha.stdout.log},
 *       {@code ha.stderr.log}), a PID file, a socket or a disk image.</li>
 * </ul>
 * A process that only reads an instance's files ({@code tail -f ha.stderr.log}, a backup)
 * does not refer to it. Paths are compared as the kernel resolves them (real paths), never
 * as text: {@code /a/link/../x} is wherever the kernel takes it. A path that names one of
 * Lima's own instance files ({@code ha.pid}, {@code ha.sock}, {@code qemu.pid},
 * {@code qmp.sock}, {@code diffdisk}, ...) in a directory that resolves elsewhere, or
 * {@code --inst-dir} with such a directory, refers to <em>another</em> instance.
 *
 * @param kind what the evidence shows
 * @param detail the evidence in words: which argument or open file refers where
 */
public record InstanceReference(Kind kind, String detail) {

    /** What the evidence shows. */
    public enum Kind {
        /** The process refers to this instance's directory and to no other. */
        THIS_INSTANCE,
        /** The process refers to another instance's directory and not to this one. */
        OTHER_INSTANCE,
        /** The process refers to this instance and to another one: contradictory. */
        THIS_AND_OTHER,
        /** The evidence was read (at least in part) and names no instance directory. */
        NONE,
        /** Nothing could be read. */
        UNREADABLE
    }

    /** The file names Lima gives its own per-instance files: they mark a directory as an instance's. */
    private static final Set<String> LIMA_FILE_NAMES = Set.of("ha.pid", "ha.sock", "ha.stdout.log", "ha.stderr.log",
            "qemu.pid", "qmp.sock", "vz.pid", "krunkit.pid", "ssh.sock", "diffdisk", "basedisk", "cidata.iso");
    /** Disk images in an instance directory (never touched, but a writer of them is the VM). */
    private static final Set<String> DISK_NAMES = Set.of("disk", "diffdisk", "basedisk", "iso", "cidata.iso");
    /** The flag Lima's external driver servers get their instance directory with. */
    private static final String INST_DIR_FLAG = "--inst-dir";

    /** Validates that nothing is null. */
    public InstanceReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Classifies one process's evidence.
     *
     * @param evidence what the process names
     * @param instanceDirectory this instance's directory
     * @return the reference
     */
    public static InstanceReference of(ProcessEvidence evidence, Path instanceDirectory) {
        return matcher(instanceDirectory).classify(evidence);
    }

    /**
     * A matcher for one instance directory, resolved once: for classifying many processes.
     *
     * @param instanceDirectory this instance's directory
     * @return the matcher
     */
    public static Matcher matcher(Path instanceDirectory) {
        return new Matcher(resolve(instanceDirectory));
    }

    /**
     * A path as the kernel resolves it: the real path when it exists, else the real path of
     * its parent with the file name appended (a removed socket), else the absolute path.
     *
     * @param path a path
     * @return the resolved path
     */
    public static Path resolve(Path path) {
        Path absolute = path.toAbsolutePath();
        try {
            return absolute.toRealPath();
        } catch (IOException | SecurityException e) {
            // not there (a removed socket), or not ours to look at: try the directory
        }
        Path parent = absolute.getParent();
        if (parent != null && absolute.getFileName() != null) {
            try {
                return parent.toRealPath().resolve(absolute.getFileName());
            } catch (IOException | SecurityException e) {
                // the directory is gone too: nothing for the kernel to resolve either
            }
        }
        return absolute.normalize();
    }

    /**
     * Whether a file name is of a kind an instance directory holds at its top level and
     * that only the instance's own processes name: a PID file, a socket or a disk image;
     * for a file open for writing, also a log.
     *
     * @param fileName the file name
     * @param written true if the process has the file open for writing
     * @return true if such a reference counts
     */
    public static boolean isInstanceFileName(String fileName, boolean written) {
        String name = fileName.toLowerCase(Locale.ROOT);
        boolean runtimeFile = name.endsWith(".pid") || name.endsWith(".sock") || (written && name.endsWith(".log"));
        return (runtimeFile && name.indexOf('.') > 0) || DISK_NAMES.contains(name);
    }

    /**
     * Whether a file a process has open for writing could count as a reference to some
     * instance, judged by its name alone: lets a provider skip reading how a file is open
     * ({@code /proc/<pid>/fdinfo}) for the files that cannot matter.
     *
     * @param fileName the file name
     * @return true if {@link #of} would look at such a written file
     */
    public static boolean mayReferToAnInstance(String fileName) {
        return isInstanceFileName(fileName, true) || isLimaFileName(fileName, true);
    }

    private static boolean isLimaFileName(String fileName, boolean written) {
        if (!written && fileName.endsWith(".log")) {
            return false; // naming a log (tail -f, less) is reading it, not being the instance
        }
        return LIMA_FILE_NAMES.contains(fileName) || fileName.endsWith(".drv.pid") || fileName.endsWith(".drv.sock");
    }

    /** Classifies processes against one instance directory; resolves that directory once. Not thread-safe. */
    public static final class Matcher {

        private final Path directory;
        private final Map<Path, Path> resolvedDirectories = new HashMap<>();

        private Matcher(Path directory) {
            this.directory = directory;
        }

        /** @return this instance's directory as the kernel resolves it */
        public Path directory() {
            return directory;
        }

        /**
         * @param evidence what a process names
         * @return which instance it refers to
         */
        public InstanceReference classify(ProcessEvidence evidence) {
            if (evidence.readNothing()) {
                return new InstanceReference(Kind.UNREADABLE, String.join("; ", evidence.unread()));
            }
            List<String> mine = new ArrayList<>();
            Set<Path> others = new LinkedHashSet<>();
            List<String> othersHow = new ArrayList<>();
            evidence.commandLine().ifPresent(args -> {
                for (int i = 0; i < args.size(); i++) {
                    String arg = args.get(i);
                    if (i > 0 && INST_DIR_FLAG.equals(args.get(i - 1))) {
                        directoryArgument(arg, INST_DIR_FLAG + " " + arg, mine, others, othersHow);
                    } else if (arg.startsWith(INST_DIR_FLAG + "=")) {
                        directoryArgument(arg.substring(INST_DIR_FLAG.length() + 1), arg, mine, others, othersHow);
                    } else {
                        String named = i > 0 && args.get(i - 1).startsWith("-") ? args.get(i - 1) + " " + arg : arg;
                        for (String piece : pathPieces(arg)) {
                            file(piece, false, "its command line names " + named, mine, others, othersHow);
                        }
                    }
                }
            });
            evidence.writtenFiles().ifPresent(files -> {
                for (Path f : files) {
                    file(f.toString(), true, "it has " + f + " open for writing", mine, others, othersHow);
                }
            });
            String partial = evidence.unread().isEmpty() ? "" : " (not read: " + String.join("; ", evidence.unread()) + ")";
            if (!mine.isEmpty() && !others.isEmpty()) {
                return new InstanceReference(Kind.THIS_AND_OTHER, first(mine) + " in this instance's directory "
                        + directory + ", but " + first(othersHow) + " in another instance's directory " + others);
            }
            if (!mine.isEmpty()) {
                return new InstanceReference(Kind.THIS_INSTANCE, first(mine) + " in this instance's directory "
                        + directory);
            }
            if (!others.isEmpty()) {
                return new InstanceReference(Kind.OTHER_INSTANCE, first(othersHow) + ", which is in another instance's"
                        + " directory " + others.iterator().next() + ", not in " + directory);
            }
            return new InstanceReference(Kind.NONE, "neither its command line nor its open files name an instance"
                    + " directory" + partial);
        }

        private void directoryArgument(String value, String arg, List<String> mine, Set<Path> others,
                                       List<String> othersHow) {
            Path p = absolute(value);
            if (p == null) {
                return;
            }
            Path resolved = resolve(p);
            if (resolved.equals(directory)) {
                mine.add("its command line names " + arg);
            } else {
                others.add(resolved);
                othersHow.add("its command line names " + arg);
            }
        }

        private void file(String text, boolean written, String how, List<String> mine, Set<Path> others,
                          List<String> othersHow) {
            Path p = absolute(text);
            if (p == null || p.getFileName() == null || p.getParent() == null) {
                return;
            }
            String name = p.getFileName().toString();
            boolean instanceKind = isInstanceFileName(name, written);
            boolean limaName = isLimaFileName(name, written);
            if (!instanceKind && !limaName) {
                return;
            }
            Path parent = resolvedDirectories.computeIfAbsent(p.getParent(), InstanceReference::resolve);
            if (parent.equals(directory)) {
                if (instanceKind) {
                    mine.add(how);
                }
            } else if (limaName) {
                others.add(parent);
                othersHow.add(how);
            }
        }
    }

    /** The parts of an argument that may be paths: {@code file=/x,if=virtio} and {@code unix:/x,server} hold some. */
    private static List<String> pathPieces(String arg) {
        List<String> pieces = new ArrayList<>();
        for (String part : arg.split(",")) {
            String value = part;
            int eq = value.indexOf('=');
            if (eq >= 0) {
                value = value.substring(eq + 1);
            }
            if (value.startsWith("unix:")) {
                value = value.substring("unix:".length());
            }
            if (!value.isEmpty()) {
                pieces.add(value);
            }
        }
        return pieces;
    }

    private static Path absolute(String text) {
        try {
            Path p = Path.of(text);
            return p.isAbsolute() ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String first(List<String> hows) {
        return hows.size() == 1 ? hows.get(0) : hows.get(0) + " (and " + (hows.size() - 1) + " more)";
    }
}
