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
 * Strict parser for PID files. A PID is only ever taken from a regular file (not a
 * symlink) of at most {@value #MAX_BYTES} bytes holding ASCII digits, optionally followed
 * by one line ending — anything else is garbage and names no process. This is the only
 * way a PID from disk reaches a signal.
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
     * The file exists but holds no valid PID.
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
        if (!attrs.isRegularFile()) {
            return new Invalid(file, file + " is not a regular file (a symlink or directory is never trusted as a PID file)");
        }
        if (attrs.size() > MAX_BYTES) {
            return new Invalid(file, file + " has " + attrs.size() + " bytes; a PID file has at most " + MAX_BYTES);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new Missing(file);
        } catch (IOException e) {
            return new Invalid(file, file + ": cannot read: " + e.getMessage());
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
            return new Invalid(file, file + " is empty");
        }
        long pid = 0;
        for (int i = 0; i < end; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                return new Invalid(file, file + " holds '" + printable(bytes) + "', not a PID (ASCII digits only)");
            }
            pid = pid * 10 + (b - '0');
            if (pid > MAX_PID) {
                return new Invalid(file, file + " holds a number too large to be a PID");
            }
        }
        if (pid < 1) {
            return new Invalid(file, file + " holds PID " + pid + ", which names no process");
        }
        return new Valid(ProcessRef.recordedIn(pid, file, attrs.lastModifiedTime().toInstant()));
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
