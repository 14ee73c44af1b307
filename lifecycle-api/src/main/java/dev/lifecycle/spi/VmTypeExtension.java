// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.VmType;
import java.util.Optional;

/**
 * VM-type specifics the generic stop cannot know, found through
 * {@link java.util.ServiceLoader}. The WSL2 extension terminates the distro
 * {@code lima-<name>}, which has no driver PID. An extension applies by VM type on any
 * host OS.
 *
 * <p>Implementations are thread-safe, never throw for a failure of the VM (they return a
 * failed {@link StepResult}), and run every external command through
 * {@link ExtensionContext#commands()} so that it is bounded by the command timeout.
 * The core records the returned {@link StepResult} in the report and publishes its
 * completion or failure event; extensions use {@link ExtensionContext#event} only for what
 * happens inside the step (for example {@code KILL_SENT} before a terminate).
 *
 * <p>For listing, an extension whose VM type has no driver PID file can say what its tool
 * reports about the VM ({@link #status}); the core combines that with the host agent's
 * liveness as Lima's {@code limactl list} does.
 */
public interface VmTypeExtension {

    /** @return a short stable identifier such as {@code wsl2} */
    String id();

    /**
     * @param vmType an instance's VM type
     * @return true if this extension handles instances of that type
     */
    boolean supports(VmType vmType);

    /**
     * The driver step of the forced path (after the driver PID, if any, is killed and
     * before the driver servers are stopped): stop the VM and confirm it is stopped.
     * A {@link dev.lifecycle.api.StepStatus#FAILED} or
     * {@link dev.lifecycle.api.StepStatus#TIMED_OUT} result means the VM may still run;
     * the core then leaves the disks locked and the files in place.
     *
     * @param instance the instance
     * @param context options, command runner and event sink of this stop
     * @return the step, named by the extension (for example {@code terminate-distro})
     */
    StepResult stopVm(Instance instance, ExtensionContext context);

    /**
     * After the host agent exited gracefully: confirm the VM is stopped and stop it if
     * not. Same result rules as {@link #stopVm}.
     *
     * @param instance the instance
     * @param context options, command runner and event sink of this stop
     * @return the step
     */
    StepResult ensureVmStopped(Instance instance, ExtensionContext context);

    /**
     * The VM's state as the VM type's own tool reports it, for listing (Lima's
     * {@code InspectStatus}; WSL2: the distro's state in {@code wsl.exe --list --verbose}).
     * Only reads: it never starts, stops or changes the VM. Every command goes through
     * {@link CommandContext#commands()}, bounded by {@link CommandContext#commandTimeout()}.
     * Never throws: a tool that cannot start, times out, fails or answers something the
     * extension cannot read is {@link VmStatus.State#UNKNOWN} with the reason — never
     * {@link VmStatus.State#STOPPED}, which the core would take as proof that nothing runs.
     *
     * @param instance the instance
     * @param context settings, bounded runner and command time limit
     * @return the VM's state; empty (the default) when this extension reads no state, and
     *     then the instance's PID files decide alone
     */
    default Optional<VmStatus> status(Instance instance, CommandContext context) {
        return Optional.empty();
    }
}
