package dev.lifecycle.spi;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.VmType;

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
}
