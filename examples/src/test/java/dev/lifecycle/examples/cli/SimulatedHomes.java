// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.examples.demo.SimulatedInstance;
import dev.lifecycle.examples.demo.SimulatedLimaHome;
import dev.lifecycle.examples.demo.SimulatedProcesses;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Lima homes for tests whose processes are the CLI's own simulated agents, started with
 * {@code java -cp <test class path>}. Close it to kill whatever a test left running.
 */
final class SimulatedHomes implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    final SimulatedProcesses processes =
            new SimulatedProcesses(List.of(LifecycleCli.class.getName(), SimulateAgentCommand.NAME));

    SimulatedLimaHome create(Path home, SimulatedInstance... instances) throws IOException, InterruptedException {
        return SimulatedLimaHome.create(home, List.of(instances), processes, READY_TIMEOUT);
    }

    @Override
    public void close() {
        processes.killAll();
    }
}
