// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real test process, a child of the test JVM, seen from the test harness rather than
 * through the provider under test: the harness's own view is the referee.
 */
final class StartedProcess {

    private final Process process;
    private final Optional<Instant> startInstant;
    private final Path interruptMarker;

    StartedProcess(Process process, Optional<Instant> startInstant, Path interruptMarker) {
        this.process = process;
        this.startInstant = startInstant;
        this.interruptMarker = interruptMarker;
    }

    long pid() {
        return process.pid();
    }

    /** @return the start instant as the JDK reports it, if it can */
    Optional<Instant> startInstant() {
        return startInstant;
    }

    /** @return true while the process has not exited (the JDK reaps its children, so this is exact) */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the process's standard input: a test process exits on end of file. */
    void release() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The pipe is already closed because the process has gone: nothing left to release.
        }
    }

    /**
     * @param timeout the longest wait
     * @return true if the process exited within the timeout
     */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return true if the process's interrupt handler wrote its marker file */
    boolean interruptHandlerRan() {
        return Files.exists(interruptMarker);
    }

    /** Kills the process and any children it left, and waits a little for the exit. */
    void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PID " + pid();
    }
}
