// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Exit-notice latency for processes that are not children of this JVM. All trial
 * processes are started first and both watchers are registered on each — ours
 * ({@link ProcessControl#find} then {@link ProcessTarget#onExit()}) and, unless disabled,
 * {@code ProcessHandle.of(pid).onExit()} — before any exits. Then trial {@code i} is
 * killed with SIGKILL at {@code (i + 1 + u) × spacing} after registration, {@code u}
 * drawn uniformly from [0, 1) with a fixed seed: without that offset the kills would keep
 * step with any poll interval equal to the spacing (all watches were registered at once,
 * so their polls are in phase) and every trial would measure the same phase. The instant of
 * that kill is the known exit moment (taken just before {@code destroyForcibly()}, so the
 * call itself, reported separately, counts against both watchers). Latency is the {@link System#nanoTime()} at which
 * each future completed (taken in the completing thread) minus the kill's. Spreading the
 * kills over seconds matters for the JDK, whose poll interval for a non-child grows with
 * the time since registration.
 */
final class ExitLatencyBenchmark {

    /** What one run measured; a watcher that never noticed an exit counts as missed. */
    record Result(String mechanism, List<Long> oursNanos, int oursMissed, Optional<List<Long>> jdkNanos, int jdkMissed,
                  List<Long> killCallNanos) {
    }

    private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(15);
    /** Fixed, so that every run kills at the same offsets. */
    private static final long JITTER_SEED = 20_250_601L;

    private final ProcessControl control;
    private final AgentHostClient agents;
    private final int trials;
    private final Duration spacing;
    private final boolean withJdk;

    ExitLatencyBenchmark(ProcessControl control, AgentHostClient agents, int trials, Duration spacing, boolean withJdk) {
        this.control = control;
        this.agents = agents;
        this.trials = trials;
        this.spacing = spacing;
        this.withJdk = withJdk;
    }

    private static final class Trial {
        final long pid;
        final ProcessHandle handle;
        final ProcessTarget target;
        final AtomicLong oursAt = new AtomicLong();
        final AtomicLong jdkAt = new AtomicLong();
        CompletableFuture<?> ours;
        CompletableFuture<?> jdk = CompletableFuture.completedFuture(null);
        long killedAt;
        long killReturnedAt;

        Trial(long pid, ProcessHandle handle, ProcessTarget target) {
            this.pid = pid;
            this.handle = handle;
            this.target = target;
        }
    }

    Result run() throws IOException, InterruptedException {
        List<Trial> list = new ArrayList<>();
        try {
            for (int i = 0; i < trials; i++) {
                list.add(prepare(agents.spawn(AgentKind.PLAIN)));
            }
            for (Trial t : list) {
                t.ours = t.target.onExit().whenComplete((at, e) -> t.oursAt.set(System.nanoTime()));
                if (withJdk) {
                    t.jdk = t.handle.onExit().whenComplete((h, e) -> t.jdkAt.set(System.nanoTime()));
                }
            }
            long registered = System.nanoTime();
            Random jitter = new Random(JITTER_SEED);
            for (int i = 0; i < list.size(); i++) {
                Trial t = list.get(i);
                long due = registered + (i + 1) * spacing.toNanos() + (long) (jitter.nextDouble() * spacing.toNanos());
                for (long left; (left = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                }
                t.killedAt = System.nanoTime();
                if (!t.handle.destroyForcibly()) {
                    throw new IllegalStateException("could not SIGKILL trial PID " + t.pid);
                }
                t.killReturnedAt = System.nanoTime();
            }
            return collect(list);
        } finally {
            list.forEach(t -> t.target.close());
        }
    }

    private Trial prepare(long pid) {
        ProcessHandle handle = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("trial PID " + pid + " vanished before the trial"));
        // The agent host printed the PID after the process started, so it started no later than now.
        ProcessRef ref = new ProcessRef(pid, Optional.empty(), Optional.empty(), Optional.of(Instant.now()));
        ProcessLookup lookup = control.find(ref);
        if (!(lookup instanceof ProcessLookup.Found found)) {
            throw new IllegalStateException("trial PID " + pid + " not found by " + control.id() + ": " + lookup.detail());
        }
        return new Trial(pid, handle, found.target());
    }

    private Result collect(List<Trial> list) throws InterruptedException {
        List<Long> ours = new ArrayList<>();
        List<Long> jdk = new ArrayList<>();
        List<Long> killCalls = new ArrayList<>();
        int oursMissed = 0;
        int jdkMissed = 0;
        long deadline = System.nanoTime() + NOTICE_TIMEOUT.toNanos();
        for (Trial t : list) {
            killCalls.add(t.killReturnedAt - t.killedAt);
            if (await(t.ours, deadline)) {
                ours.add(t.oursAt.get() - t.killedAt);
            } else {
                oursMissed++;
            }
            if (withJdk) {
                if (await(t.jdk, deadline)) {
                    jdk.add(t.jdkAt.get() - t.killedAt);
                } else {
                    jdkMissed++;
                }
            }
        }
        return new Result(control.exitWatchMechanism(), ours, oursMissed,
                withJdk ? Optional.of(jdk) : Optional.empty(), jdkMissed, killCalls);
    }

    private static boolean await(CompletableFuture<?> f, long deadlineNanos) throws InterruptedException {
        try {
            f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        }
    }
}
