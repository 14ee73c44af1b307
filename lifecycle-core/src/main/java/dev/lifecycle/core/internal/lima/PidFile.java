// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.ProcessRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Strict parser for PID files. A PID is only ever taken from a regular file of at most
 * {@value #MAX_BYTES} bytes holding ASCII digits, optionally followed by one line ending.
 * A symlinked PID file is followed as Lima follows it — as the kernel resolves it, so a
 * loop ends in an error — and the PID it leads to still has to pass the identity rule. A
 * file that is not regular (a FIFO, a directory, a device, a socket) is never opened: opening
 * a FIFO could block. Anything else is {@link Invalid}: a PID file that could not be read,
 * which names no process. This is the only way a PID from disk reaches a signal.
 */
public final class PidFile {

    /** Larger files are rejected unread: a PID never needs more. */
    public static final int MAX_BYTES = 32;
    /** Linux caps PIDs at 2^22; Windows PIDs are 32-bit. Anything above is garbage. */
    private static final long MAX_PID = 0xFFFF_FFFFL;

    private PidFile() {
    }

    /** The result of reading a PID file. */
    public sealed interface Result {
    }

    /**
     * The file holds a valid PID.
     *
     * @param ref the reference, with the file's modification time as identity evidence
     */
    public record Valid(ProcessRef ref) implements Result {
        /** Validates that nothing is null. */
        public Valid {
            Objects.requireNonNull(ref, "ref");
        }
    }

    /**
     * The file exists but could not be read as a PID file: not a regular file, a symlink to
     * nowhere, empty, truncated, garbage or unreadable. It names no process.
     *
     * @param file the file
     * @param reason what is wrong, naming the file
     */
    public record Invalid(Path file, String reason) implements Result {
        /** Validates that nothing is null. */
        public Invalid {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The file does not exist.
     *
     * @param file the file
     */
    public record Missing(Path file) implements Result {
        /** Validates that nothing is null. */
        public Missing {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Reads a PID file strictly. Never throws for bad content or I/O trouble: those are
     * {@link Invalid}.
     *
     * @param file the PID file
     * @return what the file holds
     */
    public static Result read(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Missing(file);
        } catch (IOException e) {
            return new Invalid(file, file + ": cannot read attributes: " + e.getMessage());
        }
        Path content = file;
        String via = "";
        if (attrs.isSymbolicLink()) {
            try {
                content = file.toRealPath(); // the kernel's resolution: bounded, a loop is ELOOP
                attrs = Files.readAttributes(content, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return new Invalid(file, file + " is a symlink that leads nowhere readable (" + e + ")");
            }
            via = " (a symlink to " + content + ")";
        }
        if (!attrs.isRegularFile()) {
            return new Invalid(file, file + via + " is " + kind(content, attrs) + ", not a regular file");
        }
        if (attrs.size() > MAX_BYTES) {
            return new Invalid(file, file + " has " + attrs.size() + " bytes; a PID file has at most " + MAX_BYTES);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(content, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return via.isEmpty() ? new Missing(file) : new Invalid(file, file + via + " vanished while being read");
        } catch (IOException e) {
            return new Invalid(file, file + via + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            return new Invalid(file, file + " grew past " + MAX_BYTES + " bytes while being read");
        }
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        if (end == 0) {
            return new Invalid(file, file + via + " is empty");
        }
        long pid = 0;
        for (int i = 0; i < end; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return new Invalid(file, file + via + " holds '" + printable(bytes) + "', not a PID (ASCII digits only)");
            }
            pid = pid * 10 + (b - '0');
            if (pid > MAX_PID) {
                return new Invalid(file, file + via + " holds a number too large to be a PID");
            }
        }
        if (pid < 1) {
            return new Invalid(file, file + via + " holds PID " + pid + ", which names no process");
        }
        return new Valid(ProcessRef.recordedIn(pid, file, attrs.lastModifiedTime().toInstant()));
    }

    /** Names what a non-regular entry is, for a message a user can act on. */
    private static String kind(Path path, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        if (attrs.isSymbolicLink()) {
            return "a symlink";
        }
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            switch (type) {
                case 0010000:
                    return "a FIFO";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view (Windows): the generic name below
        }
        return "a special file";
    }

    private static String printable(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.US_ASCII);
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
