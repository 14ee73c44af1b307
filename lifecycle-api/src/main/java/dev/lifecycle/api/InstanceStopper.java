// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stops instances: identify each recorded process ({@value Steps#IDENTIFY}), stop an instance
 * started at login through its service manager ({@value Steps#STOP_AUTOSTART_SERVICE}, only
 * for one whose service is active), interrupt the host agent
 * ({@value Steps#INTERRUPT_HOST_AGENT}) — or, when the agent is gone and QEMU still runs, ask
 * the guest to power off over QMP ({@value Steps#POWERDOWN_VM}), as the agent would; another
 * orphaned driver gets {@value Steps#INTERRUPT_DRIVER} — wait up to the grace period
 * ({@value Steps#AWAIT_GRACEFUL_EXIT}), then run the forced sequence of upstream Lima on
 * whatever is left, confirming each exit before the next step:
 * <ol>
 *   <li>{@value Steps#KILL_DRIVER} — the VM driver;</li>
 *   <li>the VM type's own step, when a {@code VmTypeExtension} handles the instance's VM type
 *       (for WSL2, {@code terminate-distro}: Lima records no driver PID there);</li>
 *   <li>{@value Steps#STOP_DRIVER_SERVERS} — external driver servers;</li>
 *   <li>{@value Steps#UNLOCK_DISKS} — additional disks this instance locked, once the VM is gone;</li>
 *   <li>{@value Steps#KILL_HOST_AGENT} — last of the recorded processes, so that it cannot
 *       restart the driver;</li>
 *   <li>{@value Steps#STOP_SOCKET_HOLDERS} — helpers still listening on the instance's
 *       sockets (ssh ControlMaster, virtiofsd, swtpm), found by the socket they hold;</li>
 *   <li>{@value Steps#REMOVE_STALE_FILES} — once every process is confirmed gone.</li>
 * </ol>
 * After a graceful exit, the VM type's check (for WSL2, {@code confirm-distro-stopped}) runs
 * before {@value Steps#UNLOCK_DISKS}, {@value Steps#STOP_SOCKET_HOLDERS} and
 * {@value Steps#REMOVE_STALE_FILES}. Disks, helpers and files are left alone whenever the
 * VM or a process of the instance may still run; the step then says why. A lock, helper or
 * file that could not be removed makes the outcome {@link Outcome#FAILED}, and its step
 * says what is left and how to remove it.
 *
 * <p>Once every stop of a call has ended, the daemons of Lima's shared networks that its
 * instances used and that no instance which may still run uses are stopped, as
 * {@code limactl stop} does ({@value Steps#STOP_NETWORK_DAEMONS}: one step per network, in the
 * report of every instance of the call that used it; it does not change the outcome).
 *
 * <p>Obtain one from {@code dev.lifecycle.core.InstanceStoppers}. Implementations are
 * thread-safe. No method throws for a failure of the stop itself: failures are reported
 * in the {@link StopReport}. Methods throw only for programming errors such as
 * {@code null} arguments.
 */
public interface InstanceStopper {

    /**
     * Stops one instance and waits for the result.
     *
     * <p>An interrupt of the calling thread cancels the stop, as cancelling
     * {@link #stopAsync}'s future does: if the thread is interrupted when it calls, nothing is
     * signalled; if it is interrupted while it waits, the waits end at once and nothing more
     * is forced (a kill already sent is confirmed first, within the kill timeout). Either way
     * the method returns the report of the cancelled stop — outcome {@link Outcome#CANCELLED},
     * unless the stop had already ended otherwise — and leaves the thread's interrupt status set.
     *
     * @param instance the instance
     * @param options how to stop
     * @return the report
     */
    StopReport stop(Instance instance, StopOptions options);

    /**
     * Stops one instance with {@link StopOptions#defaults()}.
     *
     * @param instance the instance
     * @return the report
     */
    default StopReport stop(Instance instance) {
        return stop(instance, StopOptions.defaults());
    }

    /**
     * Stops one instance in the background.
     *
     * @param instance the instance
     * @param options how to stop
     * @return a future completed with the report; it is never completed exceptionally
     *     except by cancellation. Cancelling it cancels the stop: the waits end at once and
     *     nothing more is forced, unlocked or removed; a process that got the interrupt may
     *     still be shutting down. The listener's {@link StopListener#onFinished onFinished}
     *     still gets the report, with outcome {@link Outcome#CANCELLED}
     */
    CompletableFuture<StopReport> stopAsync(Instance instance, StopOptions options);

    /**
     * A dry run: what {@link #stop} would do to this instance now — each recorded process
     * with its identity verdict, each step on its path, each file and disk lock it would
     * remove, and what it would keep and why — made with the stop's own decisions. Nothing
     * is signalled, written or deleted; a process that proves running is looked at (its
     * identity checked, pinned and released), never touched.
     *
     * @param instance the instance
     * @param options the options the stop would use
     * @return the plan
     */
    StopPlan plan(Instance instance, StopOptions options);

    /**
     * Stops many instances at once: interrupt them all, wait on all against one deadline,
     * then force the ones left in parallel. The cost is that of the slowest instance.
     *
     * @param instances the instances; names must be distinct
     * @param options how to stop, shared by all
     * @return a future completed with one report per instance, in the given order.
     *     Cancelling it cancels the stops: the waits end at once, instances not yet forced
     *     are left as they are (outcome {@link Outcome#CANCELLED} in the reports the
     *     listener's {@link StopListener#onFinished onFinished} gets), and one whose forced
     *     sequence had begun finishes it
     * @throws IllegalArgumentException if two instances share a name
     */
    CompletableFuture<List<StopReport>> stopAll(Collection<Instance> instances, StopOptions options);
}
