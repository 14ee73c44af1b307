// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an external command did.
 *
 * @param command the program and its arguments
 * @param status whether it ran to completion, timed out or never started
 * @param exitCode the exit code when {@link Status#COMPLETED}, otherwise -1
 * @param stdout the raw bytes it wrote to stdout (decoding is the caller's: {@code wsl.exe} may write UTF-16LE)
 * @param stderr the raw bytes it wrote to stderr
 * @param elapsed how long it ran
 * @param failure why it failed to start, empty otherwise
 */
public record CommandResult(List<String> command, Status status, int exitCode, byte[] stdout, byte[] stderr,
                            Duration elapsed, String failure) {

    /** How a command ended. */
    public enum Status {
        /** It exited by itself; see the exit code. */
        COMPLETED,
        /** It ran past the timeout and was killed with its descendants. */
        TIMED_OUT,
        /** It could not be started (not found, not executable). */
        FAILED_TO_START
    }

    /** Copies the command and output; validates that nothing is null. */
    public CommandResult {
        command = List.copyOf(command);
        Objects.requireNonNull(status, "status");
        stdout = stdout.clone();
        stderr = stderr.clone();
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(failure, "failure");
    }

    /** @return a copy of the stdout bytes */
    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /** @return a copy of the stderr bytes */
    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** @return true if it completed with exit code 0 */
    public boolean succeeded() {
        return status == Status.COMPLETED && exitCode == 0;
    }
}
