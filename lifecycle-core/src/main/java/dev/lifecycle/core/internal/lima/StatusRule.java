package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.VmType;
import dev.lifecycle.core.InstanceStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Lima's {@code inspectStatus}: host agent and driver running is Running, neither is
 * Stopped, one without the other is Broken. Where the VM type writes no driver PID file
 * (WSL2), the host agent alone decides.
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
}
