// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.testing;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.ReferenceScan;
import dev.lifecycle.spi.SignalResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * A real provider with probes run on the stop's own thread just before each interrupt and
 * each kill, and just after each interrupt: how a test sees the world at a given point of
 * the stop (listeners see it only later, from their delivery thread), or holds the stop
 * there until something happened. Everything else is the wrapped provider's. Shared
 * through core's test jar.
 */
public final class ProbingProcessControl implements ProcessControl {

    private final ProcessControl real;
    private final BiConsumer<Long, InterruptRequest> beforeInterrupt;
    private final LongConsumer beforeKill;
    private final LongConsumer afterInterrupt;
    /** Exits are reported once this is complete: a test holds every exit until it has seen what it wants. */
    private final CompletableFuture<?> exitGate;

    /**
     * @param real the provider that does the work
     * @param beforeKill called with the PID just before it is killed
     */
    public ProbingProcessControl(ProcessControl real, LongConsumer beforeKill) {
        this(real, (pid, request) -> { }, beforeKill);
    }

    /**
     * @param real the provider that does the work
     * @param beforeInterrupt called with the PID and the request just before it is interrupted
     * @param beforeKill called with the PID just before it is killed
     */
    public ProbingProcessControl(ProcessControl real, BiConsumer<Long, InterruptRequest> beforeInterrupt,
                                 LongConsumer beforeKill) {
        this(real, beforeInterrupt, pid -> { }, beforeKill);
    }

    private ProbingProcessControl(ProcessControl real, BiConsumer<Long, InterruptRequest> beforeInterrupt,
                                  LongConsumer afterInterrupt, LongConsumer beforeKill) {
        this(real, beforeInterrupt, afterInterrupt, beforeKill, CompletableFuture.completedFuture(null));
    }

    private ProbingProcessControl(ProcessControl real, BiConsumer<Long, InterruptRequest> beforeInterrupt,
                                  LongConsumer afterInterrupt, LongConsumer beforeKill, CompletableFuture<?> exitGate) {
        this.real = real;
        this.beforeInterrupt = beforeInterrupt;
        this.afterInterrupt = afterInterrupt;
        this.beforeKill = beforeKill;
        this.exitGate = exitGate;
    }

    /**
     * A provider whose targets report an exit only once {@code gate} is complete (the process
     * itself exits when it exits): a test sees what the stop does while no exit is known.
     *
     * @param real the provider that does the work
     * @param beforeKill called with the PID just before it is killed
     * @param gate completed by the test to let the exits through
     * @return the provider
     */
    public static ProbingProcessControl heldExits(ProcessControl real, LongConsumer beforeKill, CompletableFuture<?> gate) {
        return new ProbingProcessControl(real, (pid, request) -> { }, pid -> { }, beforeKill, gate);
    }

    /**
     * A provider whose interrupt returns only once the probe returned: a test holds the stop
     * between the interrupt and the graceful wait, e.g. until the interrupted processes exited.
     *
     * @param real the provider that does the work
     * @param afterInterrupt called with the PID just after it was interrupted
     * @return the provider
     */
    public static ProbingProcessControl afterInterrupt(ProcessControl real, LongConsumer afterInterrupt) {
        return new ProbingProcessControl(real, (pid, request) -> { }, afterInterrupt, pid -> { });
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public int priority() {
        return real.priority();
    }

    @Override
    public Availability availability() {
        return real.availability();
    }

    @Override
    public String exitWatchMechanism() {
        return real.exitWatchMechanism();
    }

    @Override
    public ProcessLookup find(ProcessRef ref) {
        return probed(real.find(ref));
    }

    @Override
    public ProcessLookup find(ProcessRef ref, ExpectedOwner owner) {
        return probed(real.find(ref, owner));
    }

    @Override
    public ReferenceScan scanReferences(Path instanceDirectory) {
        return real.scanReferences(instanceDirectory);
    }

    private ProcessLookup probed(ProcessLookup lookup) {
        if (lookup instanceof ProcessLookup.Found found) {
            return new ProcessLookup.Found(new Probed(found.target()), found.detail());
        }
        return lookup;
    }

    private final class Probed implements ProcessTarget {
        private final ProcessTarget target;

        Probed(ProcessTarget target) {
            this.target = target;
        }

        @Override
        public long pid() {
            return target.pid();
        }

        @Override
        public Optional<Instant> startInstant() {
            return target.startInstant();
        }

        @Override
        public SignalResult interrupt(Duration timeout) {
            return target.interrupt(timeout);
        }

        @Override
        public SignalResult interrupt(InterruptRequest request) {
            beforeInterrupt.accept(target.pid(), request);
            SignalResult result = target.interrupt(request);
            afterInterrupt.accept(target.pid());
            return result;
        }

        @Override
        public SignalResult kill() {
            beforeKill.accept(target.pid());
            return target.kill();
        }

        @Override
        public boolean isAlive() {
            return target.isAlive();
        }

        @Override
        public CompletableFuture<Instant> onExit() {
            CompletableFuture<Instant> exit = target.onExit();
            if (exitGate.isDone()) {
                return exit;
            }
            CompletableFuture<Instant> held = exit.thenCombine(exitGate, (at, open) -> at);
            held.whenComplete((at, e) -> {
                if (held.isCancelled()) {
                    exit.cancel(false); // the caller stopped waiting: unregister from the real watcher
                }
            });
            return held;
        }

        @Override
        public void close() {
            target.close();
        }
    }
}
