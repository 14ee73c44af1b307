// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import dev.lifecycle.api.VmType;
import java.time.Duration;
import java.util.List;

/**
 * The instances of the demo: every path of a stop in one run. Three agents shut down
 * gracefully after different delays (one with an external driver server, one with a
 * locked additional disk, one VZ-style agent that is its own driver), one ignores the
 * interrupt and is forced once the grace period expires, one crashed earlier and left
 * stale PID files and a socket behind.
 */
public final class DemoScenario {

    private DemoScenario() {
    }

    /**
     * @return the demo's instances, sorted by name as Lima lists them
     */
    public static List<SimulatedInstance> instances() {
        return List.of(
                SimulatedInstance.graceful("alpine", VmType.QEMU, Duration.ofMillis(100)).withDisk("data"),
                SimulatedInstance.graceful("debian", VmType.QEMU, Duration.ofMillis(300)).withDriverServer(),
                SimulatedInstance.graceful("fedora", VmType.VZ, Duration.ofMillis(500)),
                SimulatedInstance.crashed("rocky", VmType.QEMU),
                SimulatedInstance.stubborn("ubuntu", VmType.QEMU));
    }
}
