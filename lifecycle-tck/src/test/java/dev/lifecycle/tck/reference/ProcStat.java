package dev.lifecycle.tck.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a process's state from {@code /proc/<pid>/stat}, where a zombie shows as {@code Z}. */
final class ProcStat {

    private ProcStat() {
    }

    /** @return true if the process is gone or a zombie (or dead, {@code X}) */
    static boolean hasExited(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            // Cannot tell from here: the caller's other evidence decides.
            return false;
        }
        // The command name in parentheses may itself hold spaces and parentheses.
        int end = stat.lastIndexOf(')');
        char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
        return state == 'Z' || state == 'X';
    }
}
