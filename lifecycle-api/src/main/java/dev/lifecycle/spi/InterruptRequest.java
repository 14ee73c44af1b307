// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.ProcessRole;
import java.time.Duration;
import java.util.Objects;

/**
 * What the core knows when it asks a target for a graceful interrupt: which instance the
 * process belongs to and the part it plays there, so that a provider can pick a channel the
 * host app set up per instance and role (such as a named event on Windows).
 *
 * @param instance the instance name
 * @param role the process's role in the instance
 * @param timeout limit for any helper process or command the interrupt needs
 */
public record InterruptRequest(String instance, ProcessRole role, Duration timeout) {

    /** Validates that nothing is null and the timeout is positive. */
    public InterruptRequest {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }
}
