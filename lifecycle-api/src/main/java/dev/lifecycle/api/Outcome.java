// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

/** The overall result of stopping one instance. */
public enum Outcome {
    /** No process of the instance was running; stale files were cleaned up. */
    ALREADY_STOPPED,
    /**
     * Every process exited within the grace period after the stop asked for a shutdown, and
     * the stop killed nothing. For an orphaned QEMU it means the guest powered off (QEMU
     * said so over QMP). The {@code await-graceful-exit} step says what is known of the
     * cause: the host agent's logged clean exit (its {@code exiting} event, which
     * {@code limactl stop} also waits for), or only that the processes exited while the
     * stop waited — something else, such as another stop, may have ended them.
     */
    STOPPED_GRACEFULLY,
    /**
     * Every process of the instance is confirmed gone, but not by a shutdown known to be
     * clean: the forced sequence ran, or an orphaned QEMU was ended by something else while
     * its guest was asked to power off.
     */
    STOPPED_FORCIBLY,
    /**
     * A process may still run, the stop could not prove it is gone, or the stop left
     * something behind that it had to remove (a disk lock, a helper process, a stale file);
     * the report's steps say what, and how to fix it.
     */
    FAILED,
    /**
     * The caller cancelled the stop before it ended — cancelled the future of
     * {@link InstanceStopper#stopAsync stopAsync} or {@link InstanceStopper#stopAll stopAll}, or
     * interrupted the thread waiting in {@link InstanceStopper#stop stop} — so the waits ended
     * and nothing more was forced: a process that got the interrupt may still be shutting
     * down, and nothing was unlocked or removed. The step with status
     * {@link StepStatus#CANCELLED} says what was left running.
     */
    CANCELLED;

    /**
     * @return true unless this is {@link #FAILED} or {@link #CANCELLED}
     */
    public boolean isStopped() {
        return this != FAILED && this != CANCELLED;
    }
}
