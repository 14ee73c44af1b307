package dev.lifecycle.api;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stops instances: interrupt the host agent, wait for the grace period, then run the
 * forced sequence of upstream Lima (driver, driver servers, disk unlock, host agent,
 * stale-file cleanup) on whatever is left, confirming each exit before the next step.
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
     *     except by cancellation
     */
    CompletableFuture<StopReport> stopAsync(Instance instance, StopOptions options);

    /**
     * Stops many instances at once: interrupt them all, wait on all against one deadline,
     * then force the ones left in parallel. The cost is that of the slowest instance.
     *
     * @param instances the instances; names must be distinct
     * @param options how to stop, shared by all
     * @return a future completed with one report per instance, in the given order.
     *     Cancelling it stops waiting; instances not yet forced are left as they are and
     *     their {@link StopEvent}s say how far each got
     * @throws IllegalArgumentException if two instances share a name
     */
    CompletableFuture<List<StopReport>> stopAll(Collection<Instance> instances, StopOptions options);
}
