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
    FAILED;

    /**
     * @return true unless this is {@link #FAILED}
     */
    public boolean isStopped() {
        return this != FAILED;
    }
}
