package dev.lifecycle.core.internal.jdk;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import java.time.Instant;
import java.util.Optional;

/**
 * Lowest-priority provider that needs nothing but the JDK. Used when no OS provider is on
 * the class path, or when forced with {@code -Dlifecycle.processControl=jdk}.
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
