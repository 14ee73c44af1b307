// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.IdentityRule;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ReferenceScan;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.unix.exit.ExitWatcher;
import dev.lifecycle.unix.exit.SharedExitWatchers;
import dev.lifecycle.unix.jna.ErrnoException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Linux and macOS providers share: the refusals, the identity rule with both kinds
 * of evidence ({@link IdentityRule}: start time, and what the process refers to, read while
 * it is pinned), never throwing from {@link #find(ProcessRef)}, the one INFO line that says
 * which mechanisms are in use, the identity check by re-checked {@code kill(2)}, the
 * reference scan over every process, and the choice of exit watcher (the platform's event
 * watcher, or polling). Subclasses find the process and pin it, read its evidence, and name
 * their event watcher.
 */
abstract class UnixProcessControl implements ProcessControl {

    private static final Logger LOG = LoggerFactory.getLogger(UnixProcessControl.class);

    /**
     * Lines already logged: {@link java.util.ServiceLoader} creates a provider object per
     * lookup, and the INFO line is wanted once per JVM and configuration, not once per object.
     */
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private static final String POLLING = SharedExitWatchers.POLLING_MECHANISM;

    private final AtomicBoolean announced = new AtomicBoolean();
    private final String id;
    private final WatchMode watchMode;
    private final Supplier<Availability> availability;
    private volatile ExitWatcher watcher;

    /**
     * @param id the provider id
     * @param watchMode event (the platform's event watcher, where it can be used) or polling
     * @param availability the platform's availability, asked on every call (the platform keeps its probe)
     */
    UnixProcessControl(String id, WatchMode watchMode, Supplier<Availability> availability) {
        this.id = id;
        this.watchMode = watchMode;
        this.availability = availability;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Availability availability() {
        return availability.get();
    }

    @Override
    public final int priority() {
        return PLATFORM_PRIORITY;
    }

    @Override
    public final ProcessLookup find(ProcessRef ref) {
        return find(ref, Optional.empty());
    }

    @Override
    public final ProcessLookup find(ProcessRef ref, ExpectedOwner owner) {
        return find(ref, Optional.of(Objects.requireNonNull(owner, "owner")));
    }

    @Override
    public final ReferenceScan scanReferences(Path instanceDirectory) {
        Objects.requireNonNull(instanceDirectory, "instanceDirectory");
        if (!availability().available()) {
            return ReferenceScan.byJdk(instanceDirectory);
        }
        List<Long> pids;
        try {
            pids = allPids();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Lifecycle: cannot list the processes ({}); scanning with the JDK instead", e.toString());
            return ReferenceScan.byJdk(instanceDirectory);
        }
        return ReferenceScanner.scan(instanceDirectory, pids, evidenceReader());
    }

    private ProcessLookup find(ProcessRef ref, Optional<ExpectedOwner> owner) {
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
            ProcessLookup result = lookup(ref, owner);
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
     * @param owner the instance it should belong to; when empty, the start time alone decides
     * @return the lookup
     */
    protected abstract ProcessLookup lookup(ProcessRef ref, Optional<ExpectedOwner> owner);

    /** @return what reads command lines and open files here */
    protected abstract EvidenceReader evidenceReader();

    /**
     * @return every PID the OS lists (processes, not threads)
     * @throws IOException if they cannot be listed
     */
    protected abstract List<Long> allPids() throws IOException;

    /**
     * Why a PID is not a process an instance could have recorded (a thread of another
     * process, a kernel thread); such a PID is proven not the instance's.
     *
     * @param pid the PID
     * @return the reason, if so
     */
    protected Optional<String> notAProcess(long pid) {
        return Optional.empty();
    }

    /** @return how identity is read, for the INFO line */
    protected abstract String identityMechanism();

    /** @return how signals are sent, for the INFO line */
    protected abstract String signalMechanism();

    /**
     * @return whether the event watcher can be used here at all (the watch mode aside);
     *     true unless a subclass knows better
     */
    protected boolean eventWatchSupported() {
        return true;
    }

    /** @return the event watcher's mechanism, as {@link ExitWatcher#mechanism()} names it */
    protected abstract String eventWatchMechanism();

    /**
     * @return the shared event watcher
     * @throws ErrnoException if the OS refuses to set it up; polling is used instead
     */
    protected abstract ExitWatcher openEventWatcher();

    @Override
    public final String exitWatchMechanism() {
        ExitWatcher chosen = watcher;
        if (chosen != null) {
            return chosen.mechanism();
        }
        if (!availability().available()) {
            return "none (unavailable)";
        }
        return usesEventWatcher() ? eventWatchMechanism() : POLLING;
    }

    /** @return the exit watcher targets register with, chosen on first use */
    private ExitWatcher exitWatcher() {
        ExitWatcher chosen = watcher;
        if (chosen == null) {
            synchronized (this) {
                chosen = watcher;
                if (chosen == null) {
                    chosen = chooseWatcher();
                    watcher = chosen;
                }
            }
        }
        return chosen;
    }

    /**
     * The watcher for one pin: always the chosen one. A pin without a pidfd (the budget of
     * pidfds was spent when it was found) is polled by the epoll watcher's own thread, so
     * that a batch beyond the budget starts no second watcher thread.
     */
    private ExitWatcher watcherFor(ProcessPin pin) {
        return exitWatcher();
    }

    private ExitWatcher chooseWatcher() {
        if (usesEventWatcher()) {
            try {
                return openEventWatcher();
            } catch (ErrnoException e) {
                // Under the concrete provider's logger: the line is about that provider.
                LoggerFactory.getLogger(getClass()).warn(
                        "Lifecycle: cannot set up {} exit watching ({}); polling instead",
                        eventWatchMechanism(), e.getMessage());
            }
        }
        return SharedExitWatchers.polling();
    }

    private boolean usesEventWatcher() {
        return watchMode == WatchMode.EVENT && eventWatchSupported();
    }

    /**
     * Identity without a pin (macOS, Linux without pidfds): inspects the process once and,
     * if it runs, hands it to {@link #identify} with a {@link RecheckedKillPin}.
     *
     * @param ref the reference
     * @param inspector reads the start time now and before each signal
     * @param kill sends a signal by PID
     * @return the lookup
     */
    protected final ProcessLookup lookupWithRecheckedKill(ProcessRef ref, Optional<ExpectedOwner> owner,
            ProcessInspector inspector, RecheckedKillPin.Kill kill) {
        ProcessStatus status = inspector.inspect(ref.pid());
        if (status instanceof ProcessStatus.Exited exited) {
            return new ProcessLookup.NotRunning(exited.detail());
        }
        if (status instanceof ProcessStatus.Inaccessible inaccessible) {
            return new ProcessLookup.Unknown(inaccessible.detail());
        }
        ProcessStatus.Running running = (ProcessStatus.Running) status;
        Optional<String> notAProcess = notAProcess(ref.pid());
        if (notAProcess.isPresent()) {
            return new ProcessLookup.NotOurs(notAProcess.get());
        }
        Optional<ProcessEvidence> evidence = owner.map(o -> evidenceReader().read(ref.pid()));
        // No pin: the evidence is the recorded process's only if it still runs with the same start.
        if (evidence.isPresent() && !(inspector.recheck(ref.pid(), running.startKey()) instanceof ProcessStatus.Running)) {
            return new ProcessLookup.NotRunning(ref + " exited while its command line and open files were read");
        }
        return identify(ref, owner, running.start(), evidence,
                new RecheckedKillPin(ref.pid(), running.startKey(), inspector, kill));
    }

    /**
     * Applies the identity rule — {@link IdentityRule#decide} with an owner and its evidence,
     * {@link StartTimeCheck#mismatch} alone without — and either hands the pin to a new
     * target or closes it.
     *
     * @param ref the reference
     * @param owner the instance it should belong to, if known
     * @param start the OS-reported start time
     * @param evidence what the process names, read while pinned (present when the owner is)
     * @param pin the pin, owned by this method from now on
     * @return {@link ProcessLookup.Found}, {@link ProcessLookup.NotOurs} or {@link ProcessLookup.Unknown}
     */
    protected final ProcessLookup identify(ProcessRef ref, Optional<ExpectedOwner> owner, Instant start,
                                           Optional<ProcessEvidence> evidence, ProcessPin pin) {
        if (owner.isPresent()) {
            IdentityRule.Decision d = IdentityRule.decide(ref, owner.get(), start, StartTimeCheck.DEFAULT_TOLERANCE,
                    evidence.orElseGet(() -> ProcessEvidence.unreadable("PID " + ref.pid() + ": not read")));
            ProcessLookup lookup = d.lookup(() -> new UnixProcessTarget(pin, start, () -> watcherFor(pin)));
            if (lookup instanceof ProcessLookup.Found found) {
                return new ProcessLookup.Found(found.target(), d.detail() + "; signals go by " + pin.signalMechanism());
            }
            pin.close();
            LOG.info("{}: left alone ({}): {}", ref, d.verdict(), d.detail());
            return lookup;
        }
        Optional<String> mismatch = StartTimeCheck.mismatch(ref, start, StartTimeCheck.DEFAULT_TOLERANCE);
        if (mismatch.isPresent()) {
            pin.close();
            LOG.debug("{}: left alone: {}", ref, mismatch.get());
            return new ProcessLookup.NotOurs(mismatch.get());
        }
        String timeEvidence = ref.startInstant()
                .map(recorded -> "matching its recorded start " + recorded)
                .orElseGet(() -> "no later than " + ref.pidFile().map(p -> p.getFileName().toString())
                        .orElse("its PID file") + " was written (" + ref.startedNoLaterThan().orElseThrow() + ")");
        return new ProcessLookup.Found(new UnixProcessTarget(pin, start, () -> watcherFor(pin)),
                ref + " started at " + start + ", " + timeEvidence + "; signals go by " + pin.signalMechanism());
    }

    private void announce() {
        if (announced.compareAndSet(false, true)) {
            String line = "Lifecycle: process control '" + id() + "' proves identity by " + identityMechanism()
                    + ", signals by " + signalMechanism() + ", notices exits by " + exitWatchMechanism();
            if (ANNOUNCED.add(line)) {
                LOG.debug(line);
            }
        }
    }
}
