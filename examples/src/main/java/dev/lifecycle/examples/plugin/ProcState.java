package dev.lifecycle.examples.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The state letter of a Linux process, from {@code /proc/<pid>/stat}. The JDK's
 * {@link ProcessHandle#isAlive()} counts a zombie as alive; the SPI contract counts it
 * as exited, and this is where the difference is made.
 */
final class ProcState {

    private ProcState() {
    }

    /**
     * @param pid a PID
     * @return true if no process has the PID, or it is a zombie ({@code Z}) or dead ({@code X});
     *     false if it runs or its state cannot be read
     */
    static boolean hasExited(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            // Unreadable is not proof of an exit: the caller keeps treating the process as running.
            return false;
        }
        // The command name in parentheses may contain spaces and ')' itself: the state follows the last ')'.
        int end = stat.lastIndexOf(')');
        char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
        return state == 'Z' || state == 'X';
    }
}
