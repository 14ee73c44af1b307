// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck.reference;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.IdentityRule;
import dev.lifecycle.spi.ProcStat;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A correct provider for Linux built on {@link ProcessHandle}, {@code /proc} for zombies
 * and one shared polling thread. Its protected methods are the seams where the broken
 * variants in {@link BrokenProcessControls} each break one clause.
 */
public class ReferenceProcessControl implements ProcessControl {

    private final SharedExitPoller poller = new SharedExitPoller(Duration.ofMillis(10));
    private final Availability availability = Files.isReadable(Path.of("/proc/self/stat"))
            ? Availability.ok()
            : Availability.unavailable("the reference provider reads /proc, which only Linux has");

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public int priority() {
        return FALLBACK_PRIORITY + 1;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public ProcessLookup find(ProcessRef ref) {
        return find(ref, Optional.empty());
    }

    @Override
    public ProcessLookup find(ProcessRef ref, ExpectedOwner owner) {
        return find(ref, Optional.of(owner));
    }

    private ProcessLookup find(ProcessRef ref, Optional<ExpectedOwner> owner) {
        Optional<String> refusal = refusal(ref.pid());
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(ref.pid()).filter(this::isAlive);
        if (handle.isEmpty()) {
            return new ProcessLookup.NotRunning("PID " + ref.pid() + " is not running");
        }
        Optional<Instant> start = handle.get().info().startInstant();
        if (start.isEmpty()) {
            return new ProcessLookup.Unknown("PID " + ref.pid() + ": start time unreadable");
        }
        if (owner.isPresent()) {
            return IdentityRule.decide(ref, owner.get(), start.get(),
                    StartTimeCheck.DEFAULT_TOLERANCE, evidence(handle.get()))
                    .lookup(() -> target(handle.get(), start.get()));
        }
        Optional<String> mismatch = mismatch(ref, start.get());
        if (mismatch.isPresent()) {
            return new ProcessLookup.NotOurs(mismatch.get());
        }
        return new ProcessLookup.Found(target(handle.get(), start.get()),
                "PID " + ref.pid() + " started at " + start.get());
    }

    @Override
    public String exitWatchMechanism() {
        return "polling (10 ms, one shared thread)";
    }

    /** @return why the PID is never signalled, if it is not */
    protected Optional<String> refusal(long pid) {
        return StartTimeCheck.refusal(pid);
    }

    /** @return why the process is not the referenced one, if it is not */
    protected Optional<String> mismatch(ProcessRef ref, Instant start) {
        return StartTimeCheck.mismatch(ref, start, StartTimeCheck.DEFAULT_TOLERANCE);
    }

    /** @return what the process names: its command line, as the JDK reads it */
    protected ProcessEvidence evidence(ProcessHandle handle) {
        return ProcessEvidence.fromJdk(handle);
    }

    /** @return true while the process runs; a zombie has exited */
    protected boolean isAlive(ProcessHandle handle) {
        return handle.isAlive() && !ProcStat.hasExited(handle.pid());
    }

    /** @return the target for a process whose identity was proven */
    protected ReferenceProcessTarget target(ProcessHandle handle, Instant start) {
        return new ReferenceProcessTarget(handle, start, this::isAlive, poller);
    }

    /** @return the one poller all targets of this provider share */
    SharedExitPoller poller() {
        return poller;
    }
}
