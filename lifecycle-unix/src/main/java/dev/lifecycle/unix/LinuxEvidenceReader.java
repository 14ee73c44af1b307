// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.InstanceReference;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux: the command line from {@code /proc/<pid>/cmdline}, the files open for writing from
 * {@code /proc/<pid>/fd} (the links the kernel resolved) and {@code /proc/<pid>/fdinfo}
 * (their access mode), and from {@code /proc/<pid>/status} whether a PID names a thread of
 * another process ({@code Tgid} differs) or a kernel thread ({@code Kthread: 1}).
 */
final class LinuxEvidenceReader implements EvidenceReader {

    /** Linux's {@code O_ACCMODE}, {@code O_WRONLY} and {@code O_RDWR}. */
    private static final int O_ACCMODE = 3;
    private static final int O_RDONLY = 0;
    /** Appended by the kernel to the link of a file that was unlinked while open. */
    private static final String DELETED = " (deleted)";
    /** The PID of kthreadd, parent of every kernel thread. */
    private static final long KTHREADD = 2;

    private final Path procRoot;
    /** How the JDK maps file names to bytes, so that arguments decode like paths. */
    private final Charset fileNames;

    LinuxEvidenceReader(Path procRoot) {
        this.procRoot = procRoot;
        this.fileNames = fileNameCharset();
    }

    @Override
    public List<String> commandLine(long pid) throws IOException {
        byte[] bytes = Files.readAllBytes(proc(pid).resolve("cmdline"));
        List<String> args = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                args.add(new String(bytes, from, i - from, fileNames));
                from = i + 1;
            }
        }
        if (from < bytes.length) {
            args.add(new String(bytes, from, bytes.length - from, fileNames)); // a process that rewrote its argv
        }
        return args;
    }

    @Override
    public List<Path> writtenFiles(long pid) throws IOException {
        Path fdDir = proc(pid).resolve("fd");
        List<Path> written = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed while we looked
                }
                if (!target.startsWith("/")) {
                    continue; // socket:[..], pipe:[..], anon_inode:..
                }
                if (target.endsWith(DELETED)) {
                    target = target.substring(0, target.length() - DELETED.length());
                }
                Path file = Path.of(target);
                if (file.getFileName() == null || !InstanceReference.mayReferToAnInstance(file.getFileName().toString())) {
                    continue;
                }
                if (openForWriting(pid, fd.getFileName().toString())) {
                    written.add(file);
                }
            }
        }
        return written;
    }

    private boolean openForWriting(long pid, String fd) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(proc(pid).resolve("fdinfo").resolve(fd), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return false; // closed while we looked
        }
        for (String line : lines) {
            if (line.startsWith("flags:")) {
                int flags = Integer.parseInt(line.substring("flags:".length()).strip(), 8);
                return (flags & O_ACCMODE) != O_RDONLY;
            }
        }
        return false;
    }

    /**
     * Why a PID is not a process the instance could have recorded, if it is not: a thread of
     * another process (its {@code /proc/<tid>} exists but is not listed), or a kernel thread.
     *
     * @param pid the PID
     * @return the reason, or empty if it is an ordinary process (or cannot be told)
     */
    Optional<String> notAProcess(long pid) {
        List<String> status;
        try {
            status = Files.readAllLines(proc(pid).resolve("status"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone or unreadable: the start-time check will say so
        }
        long tgid = field(status, "Tgid:").orElse(pid);
        if (tgid != pid) {
            return Optional.of("PID " + pid + " names a thread of process " + tgid + ", not a process; the"
                    + " instance's own process has exited");
        }
        Optional<Long> kthread = field(status, "Kthread:");
        boolean kernel = kthread.isPresent() ? kthread.get() == 1
                : (pid == KTHREADD || field(status, "PPid:").orElse(-1L) == KTHREADD) && emptyCommandLine(pid);
        if (kernel) {
            return Optional.of("PID " + pid + " names a kernel thread (" + text(status, "Name:").orElse("?")
                    + "), never an instance's process; the instance's own process has exited");
        }
        return Optional.empty();
    }

    private boolean emptyCommandLine(long pid) {
        try {
            return Files.readAllBytes(proc(pid).resolve("cmdline")).length == 0; // procfs sizes are always 0: read
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> field(List<String> status, String key) {
        try {
            return text(status, key).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Optional.of(line.substring(key.length()).strip());
            }
        }
        return Optional.empty();
    }

    /** Lists the PIDs procfs shows (processes, not threads). */
    List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9') && name.length() < 12) {
                    pids.add(Long.parseLong(name));
                }
            }
        }
        return pids;
    }

    private Path proc(long pid) {
        return procRoot.resolve(Long.toString(pid));
    }

    private static Charset fileNameCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
