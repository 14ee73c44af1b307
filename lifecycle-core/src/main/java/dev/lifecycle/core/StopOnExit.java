// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a host app's instances when its JVM exits: one JVM shutdown hook that stops every
 * registered instance at once ({@link InstanceStopper#stopAll stopAll}: one deadline, forced
 * in parallel) within a bound. Made by {@link InstanceStoppers#stopOnExit}; the app adds the
 * instances it starts and removes the ones it stops itself.
 *
 * <pre>{@code
 * StopOnExit onExit = InstanceStoppers.stopOnExit(List.of(), StopOptions.defaults(), Duration.ofSeconds(60));
 * onExit.add(home.read("default").instance());   // after starting it
 * onExit.remove("default");                       // after stopping it yourself
 * }</pre>
 *
 * <p>The hook runs when the JVM exits normally or on SIGINT, SIGTERM or SIGHUP (an OS
 * shutdown, {@code systemctl stop}, closing the terminal) — not on SIGKILL or a crash,
 * after which the next start finds the instances still running and can stop them from
 * their PID files. So that the forced stop fits in the bound, the grace period is at most
 * the bound less the kill timeout; when the bound is over, what is still being stopped is
 * cancelled (nothing more is forced) and the hook returns, so the JVM is never held up
 * longer than the bound (plus the moment a kill in progress needs). Each stop's steps and
 * outcome are logged, and a listener of the stopper given to
 * {@link InstanceStoppers#stopOnExit(InstanceStopper, Collection, StopOptions, Duration)}
 * gets them as events.
 *
 * <p>Thread-safe. The registered instances must have distinct names: adding one under a name
 * already registered replaces it.
 */
public final class StopOnExit {

    private static final Logger LOG = LoggerFactory.getLogger(StopOnExit.class);

    private final InstanceStopper stopper;
    private final StopOptions options;
    private final Duration bound;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::stopRegistered, "lifecycle-stop-on-exit");
    private boolean registered;

    private StopOnExit(InstanceStopper stopper, StopOptions options, Duration bound) {
        this.stopper = stopper;
        this.options = options;
        this.bound = bound;
    }

    /** Creates the handle and registers its hook; see {@link InstanceStoppers#stopOnExit}. */
    static StopOnExit register(InstanceStopper stopper, Collection<Instance> instances, StopOptions options,
                               Duration bound) {
        Objects.requireNonNull(stopper, "stopper");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative() || bound.isZero() || bound.compareTo(StopOptions.MAX_DURATION) > 0) {
            throw new IllegalArgumentException("bound must be above zero and at most StopOptions.MAX_DURATION, was "
                    + bound);
        }
        // Leave the kill timeout for the forced sequence inside the bound.
        Duration room = bound.minus(options.killTimeout());
        Duration grace = room.isNegative() ? Duration.ZERO : room;
        StopOnExit onExit = new StopOnExit(stopper,
                options.gracePeriod().compareTo(grace) > 0 ? options.toBuilder().gracePeriod(grace).build() : options,
                bound);
        instances.forEach(onExit::add);
        synchronized (onExit) {
            Runtime.getRuntime().addShutdownHook(onExit.hook);
            onExit.registered = true;
        }
        return onExit;
    }

    /**
     * Registers an instance to stop on exit.
     *
     * @param instance the instance, replacing one of the same name
     * @return this handle
     */
    public synchronized StopOnExit add(Instance instance) {
        Objects.requireNonNull(instance, "instance");
        instances.put(instance.name(), instance);
        return this;
    }

    /**
     * Forgets an instance, for example once the app stopped it itself.
     *
     * @param name the instance name
     * @return whether it was registered
     */
    public synchronized boolean remove(String name) {
        return instances.remove(Objects.requireNonNull(name, "name")) != null;
    }

    /**
     * @return the instances the hook will stop, in the order they were added
     */
    public synchronized List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /**
     * @return the options the hook stops with: the given ones, the grace period shortened
     *     to the bound less the kill timeout if it was longer
     */
    public StopOptions options() {
        return options;
    }

    /**
     * @return how long the hook may take
     */
    public Duration bound() {
        return bound;
    }

    /**
     * Removes the hook: nothing is stopped on exit any more.
     *
     * @return true if the hook was registered and is now removed; false if it was removed
     *     before, or the JVM is already exiting (then the hook runs or has run)
     */
    public synchronized boolean unregister() {
        if (!registered) {
            return false;
        }
        try {
            registered = !Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            return false;
        }
        return !registered;
    }

    /** The hook: stops every registered instance within the bound. */
    private void stopRegistered() {
        List<Instance> toStop = instances();
        if (toStop.isEmpty()) {
            return;
        }
        LOG.info("JVM exiting: stopping {} (within {} ms)", names(toStop), bound.toMillis());
        CompletableFuture<List<StopReport>> stop = stopper.stopAll(toStop, options);
        try {
            List<StopReport> reports = stop.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            LOG.info("JVM exiting: {}", reports.stream().map(r -> r.instance() + " " + r.outcome())
                    .collect(Collectors.joining(", ")));
        } catch (TimeoutException e) {
            stop.cancel(true);
            LOG.warn("JVM exiting: stopping {} took longer than {} ms; cancelled there: nothing more is forced,"
                    + " and what still runs is left for the next start to stop", names(toStop), bound.toMillis());
        } catch (InterruptedException e) {
            stop.cancel(true);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("JVM exiting: stopping {} failed unexpectedly", names(toStop), e.getCause());
        }
    }

    private static String names(List<Instance> instances) {
        return instances.stream().map(Instance::name).collect(Collectors.joining(", "));
    }
}
