// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.core.testing.TestProcesses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes a test learns of only from the PID files its scripts write (a hanging
 * stand-in {@code wsl.exe} and its child {@code sleep}): if the code under test failed to
 * end them, {@link #close()} kills them so that no test leaves a process behind. Not
 * thread-safe: one per test.
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
        long pid = TestProcesses.readPid(file);
        pids.add(pid);
        return pid;
    }

    /** Kills every remembered process that is still there. */
    @Override
    public void close() {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
