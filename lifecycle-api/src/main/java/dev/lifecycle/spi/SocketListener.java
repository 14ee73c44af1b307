// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A process found listening on a Unix-domain socket, as
 * {@link ProcessControl#socketListeners(Path)} reports it. The start instant, read in the
 * same inspection, is the identity evidence: the caller finds the process again with
 * {@link dev.lifecycle.api.ProcessRef#started} before it signals anything, so a PID reused
 * since the inspection is never signalled.
 *
 * @param pid the process ID
 * @param startInstant the process start time as the OS reported it during the inspection
 * @param socket the path the socket is bound to, as the OS reports it
 */
public record SocketListener(long pid, Instant startInstant, Path socket) {

    /**
     * Validates the listener.
     *
     * @throws IllegalArgumentException if the PID is below 1
     */
    public SocketListener {
        Objects.requireNonNull(startInstant, "startInstant");
        Objects.requireNonNull(socket, "socket");
        if (pid < 1) {
            throw new IllegalArgumentException("Invalid PID " + pid + ": a PID is at least 1");
        }
    }
}
