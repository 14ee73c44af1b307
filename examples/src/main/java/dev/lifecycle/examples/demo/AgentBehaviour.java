// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SimulatedAgent} behaves.
 *
 * @param name a label for its messages, e.g. {@code alpine/ha}
 * @param exitDelay how long it takes to shut down after an interrupt (SIGINT, SIGTERM, Ctrl+Break)
 * @param ignoreInterrupt whether it ignores interrupts, as a hung agent does; only a kill ends it
 * @param killOnExit processes it takes down before it exits, as the host agent stops its VM driver
 * @param socket a Unix domain socket to listen on, like the agent's {@code ha.sock}
 * @param eventLog the agent's event log ({@code ha.stdout.log}), to which a clean exit
 *     appends {@code {"status":{"exiting":true}}} as Lima's agent does
 * @param exitWithParent whether it exits when the process that started it exits, so that it
 *     cannot outlive the demo
 * @param maxLifetime when it gives up and exits on its own, a last guard against leaks
 * @param interruptEvent a Windows named event to take as the interrupt too ({@code {pid}}
 *     stands for its own PID), as agents of hosts without a console do
 */
public record AgentBehaviour(String name, Duration exitDelay, boolean ignoreInterrupt, List<Long> killOnExit,
                             Optional<Path> socket, Optional<Path> eventLog, boolean exitWithParent,
                             Duration maxLifetime, Optional<String> interruptEvent) {

    /** Validates and copies. */
    public AgentBehaviour {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exitDelay, "exitDelay");
        killOnExit = List.copyOf(killOnExit);
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(interruptEvent, "interruptEvent");
        if (exitDelay.isNegative() || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException(name + ": exit delay must not be negative and max lifetime must be positive");
        }
    }
}
