package dev.lifecycle.wsl2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a test learns of only from the PID files its scripts write (a hanging
 * stand-in {@code wsl.exe} and its child {@code sleep}): whether they still run, and, if
 * the code under test failed to end them, killed by {@link #close()} so that no test leaves
 * a process behind. Not thread-safe: one per test.
 *
 * <p>Public so that the end-to-end tests in {@code dev.lifecycle.wsl2.stop} share it.
 */
public final class LeftoverProcesses implements AutoCloseable {

    private final List<Long> pids = new ArrayList<>();

    /**
     * Reads a PID file a script wrote and remembers the PID for {@link #close()}.
     *
     * @param file the PID file; the test fails if the script did not write it
     * @return the PID
     * @throws IOException if the file cannot be read
     */
    public long readPid(Path file) throws IOException {
        assertTrue(Files.exists(file), "the stand-in wrote " + file);
        long pid = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        pids.add(pid);
        return pid;
    }

    /**
     * A zombie has exited: it only waits for its new parent to reap it.
     *
     * @param pid the PID
     * @return whether a process with this PID runs and is not a zombie
     */
    public static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // no /proc (macOS): isAlive said so
        }
    }

    /** Kills every remembered process that is still there. */
    @Override
    public void close() {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
