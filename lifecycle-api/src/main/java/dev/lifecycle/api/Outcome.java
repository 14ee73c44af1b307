package dev.lifecycle.api;

/** The overall result of stopping one instance. */
public enum Outcome {
    /** No process of the instance was running; stale files were cleaned up. */
    ALREADY_STOPPED,
    /** Every process exited after the interrupt, within the grace period. */
    STOPPED_GRACEFULLY,
    /** The forced sequence ran and every process of the instance is confirmed gone. */
    STOPPED_FORCIBLY,
    /** A process may still run, or the stop could not prove it is gone; see the report's steps. */
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
