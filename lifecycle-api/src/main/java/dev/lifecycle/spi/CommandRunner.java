// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs an external command with a hard time limit: stdin closed, stdout and stderr
 * drained, and on expiry the process and all its descendants killed. Thread-safe.
 */
public interface CommandRunner {

    /**
     * Runs a command and waits for it, at most {@code timeout}.
     *
     * @param command the program and its arguments
     * @param environment variables to add to (or override in) the inherited environment
     * @param timeout the limit; on expiry the process tree is killed
     * @return what happened; never throws for a failure of the command
     */
    CommandResult run(List<String> command, Map<String, String> environment, Duration timeout);
}
