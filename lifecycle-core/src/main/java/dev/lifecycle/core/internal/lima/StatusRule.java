// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.VmType;
import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.spi.VmStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Lima's {@code inspectStatus}: host agent and driver running is Running, neither is
 * Stopped, one without the other is Broken. Where a VM-type extension reports the VM's
 * state from its tool (WSL2: the distro's state), that state stands for the driver; where
 * the VM type writes no driver PID file and no extension reports, the host agent alone
 * decides.
 */
final class StatusRule {

    private StatusRule() {
    }

    /**
     * The status and, when Broken, why.
     *
     * @param status the status
     * @param problem why it is Broken, in Lima's words
     */
    public record Decision(InstanceStatus status, Optional<String> problem) {
        /** Validates that nothing is null. */
        public Decision {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * Whether the VM type records its driver in {@code <vmType>.pid}.
     *
     * @param vmType the VM type
     * @return false for WSL2, whose VM is a distro and has no driver PID
     */
    public static boolean hasDriverPidFile(VmType vmType) {
        return !VmType.WSL2.equals(vmType);
    }

    /**
     * Decides the status from what runs.
     *
     * @param vmType the VM type, named in problems
     * @param agentRunning whether the host agent runs
     * @param driverRunning whether the driver runs; empty when the VM type has no driver PID file
     * @return the decision
     */
    public static Decision decide(VmType vmType, boolean agentRunning, Optional<Boolean> driverRunning) {
        if (driverRunning.isEmpty()) {
            return new Decision(agentRunning ? InstanceStatus.RUNNING : InstanceStatus.STOPPED, Optional.empty());
        }
        boolean driver = driverRunning.get();
        if (agentRunning && driver) {
            return new Decision(InstanceStatus.RUNNING, Optional.empty());
        }
        if (!agentRunning && !driver) {
            return new Decision(InstanceStatus.STOPPED, Optional.empty());
        }
        String problem = agentRunning
                ? "host agent is running but driver is not"
                : vmType + " driver is running but host agent is not";
        return new Decision(InstanceStatus.BROKEN, Optional.of(problem));
    }

    /**
     * Decides the status from the host agent and what the VM type's tool says about the VM.
     * Lima's WSL2 driver shows the distro's state alone; we also hold it against the host
     * agent, as Lima itself does for a driver PID, so that a VM running without its agent
     * (or the reverse) is Broken, never Running or Stopped.
     *
     * @param vmType the VM type, named in problems
     * @param agentRunning whether the host agent runs
     * @param vm the state the extension reported
     * @return the decision
     */
    public static Decision decide(VmType vmType, boolean agentRunning, VmStatus vm) {
        return switch (vm.state()) {
            case UNKNOWN, BROKEN -> broken(vm.detail());
            case INSTALLING -> new Decision(InstanceStatus.INSTALLING, Optional.empty());
            case RUNNING -> agentRunning ? new Decision(InstanceStatus.RUNNING, Optional.empty())
                    : broken(vmType + " VM is running but host agent is not: " + vm.detail());
            case STOPPED -> agentRunning ? broken("host agent is running but its " + vmType + " VM is not: " + vm.detail())
                    : new Decision(InstanceStatus.STOPPED, Optional.empty());
            case UNINITIALIZED -> agentRunning
                    ? broken("host agent is running but its " + vmType + " VM does not exist: " + vm.detail())
                    : new Decision(InstanceStatus.UNINITIALIZED, Optional.empty());
        };
    }

    private static Decision broken(String problem) {
        return new Decision(InstanceStatus.BROKEN, Optional.of(problem));
    }
}
