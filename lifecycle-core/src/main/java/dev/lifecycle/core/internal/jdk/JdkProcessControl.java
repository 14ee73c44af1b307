// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.jdk;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.IdentityRule;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import java.time.Instant;
import java.util.Optional;

/**
 * Lowest-priority provider that needs nothing but the JDK. Used when no OS provider is on
 * the class path, or when forced with {@code -Dlifecycle.processControl=jdk}. Its clock-free
 * evidence is the command line {@link ProcessHandle.Info} gives (on Linux and macOS; the
 * JDK reads no arguments on Windows and no open files anywhere).
 */
public final class JdkProcessControl implements ProcessControl {

    /** The provider id. */
    public static final String ID = "jdk";

    private final boolean windows = HostOs.current() == HostOs.WINDOWS;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return FALLBACK_PRIORITY;
    }

    @Override
    public Availability availability() {
        return Availability.ok();
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
        Optional<String> refusal = StartTimeCheck.refusal(ref.pid());
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(ref.pid());
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return new ProcessLookup.NotRunning("PID " + ref.pid() + " is not running");
        }
        Optional<Instant> start = handle.get().info().startInstant();
        if (start.isEmpty()) {
            return new ProcessLookup.Unknown("PID " + ref.pid()
                    + ": the JDK cannot read its start time, so its identity cannot be proven");
        }
        if (owner.isPresent()) {
            return IdentityRule.decide(ref, owner.get(), start.get(),
                    StartTimeCheck.DEFAULT_TOLERANCE, ProcessEvidence.fromJdk(handle.get()))
                    .lookup(() -> new JdkProcessTarget(handle.get(), start.get(), windows));
        }
        Optional<String> mismatch = StartTimeCheck.mismatch(ref, start.get(), StartTimeCheck.DEFAULT_TOLERANCE);
        if (mismatch.isPresent()) {
            return new ProcessLookup.NotOurs(mismatch.get());
        }
        return new ProcessLookup.Found(new JdkProcessTarget(handle.get(), start.get(), windows),
                "PID " + ref.pid() + " started at " + start.get() + " (checked with the JDK's ProcessHandle)");
    }

    @Override
    public String exitWatchMechanism() {
        return "ProcessHandle.onExit (JDK polling)";
    }
}
