package dev.lifecycle.unix;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.unix.exit.ExitWatcher;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Linux and macOS providers share: the refusals, the identity rule, never
 * throwing from {@link #find(ProcessRef)}, and the one INFO line that says which
 * mechanisms are in use. Subclasses find the process and pin it.
 */
abstract class UnixProcessControl implements ProcessControl {

    private static final Logger LOG = LoggerFactory.getLogger(UnixProcessControl.class);

    /**
     * Lines already logged: {@link java.util.ServiceLoader} creates a provider object per
     * lookup, and the INFO line is wanted once per JVM and configuration, not once per object.
     */
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean announced = new AtomicBoolean();

    @Override
    public final int priority() {
        return PLATFORM_PRIORITY;
    }

    @Override
    public final ProcessLookup find(ProcessRef ref) {
        Objects.requireNonNull(ref, "ref");
        Optional<String> refusal = StartTimeCheck.refusal(ref.pid());
        if (refusal.isPresent()) {
            LOG.debug("{}: refused: {}", ref, refusal.get());
            return new ProcessLookup.Refused(refusal.get());
        }
        Availability availability = availability();
        if (!availability.available()) {
            return new ProcessLookup.Unknown(ref + ": process control '" + id() + "' is not available here: "
                    + availability.cause().orElse("no cause given"));
        }
        announce();
        try {
            ProcessLookup result = lookup(ref);
            LOG.debug("{}: identity check: {}", ref, result);
            return result;
        } catch (RuntimeException e) {
            LOG.warn("{}: identity check failed: {}", ref, e.toString(), e);
            return new ProcessLookup.Unknown(ref + ": identity check failed: " + e);
        }
    }

    /**
     * Finds and pins the process; called only when available and not refused.
     *
     * @param ref the reference
     * @return the lookup
     */
    protected abstract ProcessLookup lookup(ProcessRef ref);

    /** @return how identity is read, for the INFO line */
    protected abstract String identityMechanism();

    /** @return how signals are sent, for the INFO line */
    protected abstract String signalMechanism();

    /** @return the exit watcher targets register with, chosen on first use */
    protected abstract ExitWatcher exitWatcher();

    /**
     * Applies {@link StartTimeCheck#mismatch} and either hands the pin to a new target or
     * closes it.
     *
     * @param ref the reference
     * @param start the OS-reported start time
     * @param pin the pin, owned by this method from now on
     * @return {@link ProcessLookup.Found} or {@link ProcessLookup.NotOurs}
     */
    protected final ProcessLookup identify(ProcessRef ref, Instant start, ProcessPin pin) {
        Optional<String> mismatch = StartTimeCheck.mismatch(ref, start, StartTimeCheck.DEFAULT_TOLERANCE);
        if (mismatch.isPresent()) {
            pin.close();
            LOG.info("{}: left alone: {}", ref, mismatch.get());
            return new ProcessLookup.NotOurs(mismatch.get());
        }
        String evidence = ref.startInstant()
                .map(recorded -> "matching its recorded start " + recorded)
                .orElseGet(() -> "no later than " + ref.pidFile().map(p -> p.getFileName().toString())
                        .orElse("its PID file") + " was written (" + ref.startedNoLaterThan().orElseThrow() + ")");
        return new ProcessLookup.Found(new UnixProcessTarget(pin, start, this::exitWatcher),
                ref + " started at " + start + ", " + evidence + "; signals go by " + pin.signalMechanism());
    }

    private void announce() {
        if (announced.compareAndSet(false, true)) {
            String line = "Lifecycle: process control '" + id() + "' proves identity by " + identityMechanism()
                    + ", signals by " + signalMechanism() + ", notices exits by " + exitWatchMechanism();
            if (ANNOUNCED.add(line)) {
                LOG.info(line);
            }
        }
    }
}
