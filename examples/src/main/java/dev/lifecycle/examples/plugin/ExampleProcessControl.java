// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.plugin;

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
 * A minimal but honest {@link ProcessControl} for Linux, built on {@link ProcessHandle}
 * and {@code /proc}: the worked example of {@code docs/adding-a-platform.md}. It passes
 * the conformance kit; what it cannot do (pin a PID, send SIGINT, wait on an exit event)
 * is said in its Javadoc and its {@link #exitWatchMechanism()}.
 *
 * <p>Registered like any provider: {@code META-INF/services/dev.lifecycle.spi.ProcessControl}
 * names this class, and a modular jar says
 * {@code provides dev.lifecycle.spi.ProcessControl with dev.lifecycle.examples.plugin.ExampleProcessControl}.
 * Force it with {@code -Dlifecycle.processControl=example}.
 */
public final class ExampleProcessControl implements ProcessControl {

    /** The id, for {@code -Dlifecycle.processControl=example}. */
    public static final String ID = "example";
    /**
     * Above the JDK fallback, below the platform providers: used where no platform
     * provider is available, never in place of one.
     */
    public static final int PRIORITY = FALLBACK_PRIORITY + 10;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

    private final ExitPoller poller = new ExitPoller(POLL_INTERVAL);
    // Probed once, when the provider is created; the cause stays for anyone who asks why.
    private final Availability availability = probe();

    /** Creates the provider; {@link java.util.ServiceLoader} calls this, so it does no real work. */
    public ExampleProcessControl() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PRIORITY;
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
        // Refusals first: no lookup, no evidence, can change the answer for PID 1 or ourselves.
        Optional<String> refusal = StartTimeCheck.refusal(ref.pid());
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(ref.pid())
                .filter(h -> h.isAlive() && !ProcStat.hasExited(h.pid()));
        if (handle.isEmpty()) {
            return new ProcessLookup.NotRunning("PID " + ref.pid() + " is not running (or is a zombie)");
        }
        Optional<Instant> start = handle.get().info().startInstant();
        if (start.isEmpty()) {
            return new ProcessLookup.Unknown("PID " + ref.pid()
                    + ": its start time cannot be read, so its identity cannot be proven; left alone");
        }
        if (owner.isPresent()) {
            // Both kinds of evidence: the start time, and what the command line names.
            return IdentityRule.decide(ref, owner.get(), start.get(),
                    StartTimeCheck.DEFAULT_TOLERANCE, ProcessEvidence.fromJdk(handle.get()))
                    .lookup(() -> new ExampleProcessTarget(handle.get(), start.get(), poller));
        }
        Optional<String> mismatch = StartTimeCheck.mismatch(ref, start.get(), StartTimeCheck.DEFAULT_TOLERANCE);
        if (mismatch.isPresent()) {
            return new ProcessLookup.NotOurs(mismatch.get());
        }
        return new ProcessLookup.Found(new ExampleProcessTarget(handle.get(), start.get(), poller),
                "PID " + ref.pid() + " started at " + start.get() + ", which matches " + ref
                        + " (checked by the example provider)");
    }

    @Override
    public String exitWatchMechanism() {
        return "polling (" + POLL_INTERVAL.toMillis() + " ms, one shared thread)";
    }

    private static Availability probe() {
        try {
            if (Files.isReadable(Path.of("/proc/self/stat"))) {
                return Availability.ok();
            }
            return Availability.unavailable("the example provider reads /proc/<pid>/stat to tell zombies apart,"
                    + " and /proc/self/stat is not readable here (it exists on Linux only)");
        } catch (RuntimeException e) {
            return Availability.unavailable("the example provider could not probe /proc: " + e);
        }
    }
}
