// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.VmType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One instance of a simulated Lima home: its name, VM type, how its host agent behaves,
 * and the outcome a stop should reach.
 *
 * <p>The VM type decides the driver, as in Lima: {@code vz} runs in the agent, so
 * {@code vz.pid} holds the agent's PID; {@code wsl2} records no driver; any other type
 * gets a separate driver process whose PID goes into {@code <vmType>.pid}, and which the
 * agent takes down when it is interrupted.
 *
 * @param name the instance name
 * @param vmType the VM type written to {@code lima.yaml}
 * @param agent how the host agent behaves
 * @param exitDelay how long a graceful agent takes to shut down
 * @param driverServer whether an external driver server ({@code vde.drv.pid}) runs too
 * @param disks additional disks under {@code _disks}, locked by this instance
 * @param expected the outcome a graceful-then-forced stop should reach
 */
public record SimulatedInstance(String name, VmType vmType, AgentMode agent, Duration exitDelay,
                                boolean driverServer, List<String> disks, Outcome expected) {

    /** How the simulated host agent behaves. */
    public enum AgentMode {
        /** Exits after its delay when interrupted, taking its driver down first. */
        GRACEFUL,
        /** Ignores the interrupt, like a hung agent: only the forced path ends it. */
        STUBBORN,
        /** Already dead when the stop begins: its PID files are stale. */
        CRASHED
    }

    /** Validates and copies. */
    public SimulatedInstance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vmType, "vmType");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(exitDelay, "exitDelay");
        disks = List.copyOf(disks);
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * An instance whose agent exits after {@code exitDelay} when interrupted.
     *
     * @param name the name
     * @param vmType the VM type
     * @param exitDelay how long the agent takes
     * @return the instance, expected to stop gracefully
     */
    public static SimulatedInstance graceful(String name, VmType vmType, Duration exitDelay) {
        return new SimulatedInstance(name, vmType, AgentMode.GRACEFUL, exitDelay, false, List.of(),
                Outcome.STOPPED_GRACEFULLY);
    }

    /**
     * An instance whose agent ignores the interrupt.
     *
     * @param name the name
     * @param vmType the VM type
     * @return the instance, expected to be stopped by force
     */
    public static SimulatedInstance stubborn(String name, VmType vmType) {
        return new SimulatedInstance(name, vmType, AgentMode.STUBBORN, Duration.ZERO, false, List.of(),
                Outcome.STOPPED_FORCIBLY);
    }

    /**
     * An instance whose agent (and driver) died and left their PID files behind.
     *
     * @param name the name
     * @param vmType the VM type
     * @return the instance, expected to be found already stopped
     */
    public static SimulatedInstance crashed(String name, VmType vmType) {
        return new SimulatedInstance(name, vmType, AgentMode.CRASHED, Duration.ZERO, false, List.of(),
                Outcome.ALREADY_STOPPED);
    }

    /**
     * @return the same instance with an external driver server that the agent also takes down
     */
    public SimulatedInstance withDriverServer() {
        return new SimulatedInstance(name, vmType, agent, exitDelay, true, disks, expected);
    }

    /**
     * @param disk an additional disk name
     * @return the same instance with one more additional disk, locked by it
     */
    public SimulatedInstance withDisk(String disk) {
        List<String> more = new ArrayList<>(disks);
        more.add(disk);
        return new SimulatedInstance(name, vmType, agent, exitDelay, driverServer, more, expected);
    }

    /**
     * @return true if the driver is a process of its own with a {@code <vmType>.pid} file
     */
    public boolean hasSeparateDriver() {
        return !VmType.VZ.equals(vmType) && !VmType.WSL2.equals(vmType);
    }
}
