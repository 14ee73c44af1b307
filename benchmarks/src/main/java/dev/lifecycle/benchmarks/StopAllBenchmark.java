package dev.lifecycle.benchmarks;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One timed {@link InstanceStopper#stopAll} of {@code n} fresh instances whose agents are
 * all of one {@link AgentKind}. Agents are started and their PID files written before the
 * clock starts. Timed: from the call to {@code stopAll} to the return of its future's
 * {@code get()} on the calling thread. The slowest agent's exit is the latest exit instant
 * the agent host reported.
 */
final class StopAllBenchmark {

    /** What one round measured. */
    record Result(int instances, Duration setup, Duration wall, Optional<Duration> lastInterrupt,
                  Optional<Duration> lastKill, Optional<Duration> startToLastExit,
                  Optional<Duration> lastExitToDone, int exitsSeen, Map<Outcome, Integer> outcomes,
                  ThreadSampler.Window threads, List<String> failures) {
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EXIT_REPORT_TIMEOUT = Duration.ofSeconds(10);

    private final InstanceStopper stopper;
    private final AgentHostClient agents;
    private final ThreadSampler sampler;
    private final PhaseClock phases;

    /** @param phases the listener the stopper was built with */
    StopAllBenchmark(InstanceStopper stopper, PhaseClock phases, AgentHostClient agents, ThreadSampler sampler) {
        this.stopper = stopper;
        this.phases = phases;
        this.agents = agents;
        this.sampler = sampler;
    }

    Result run(AgentKind kind, int n, StopOptions options, String namePrefix)
            throws IOException, InterruptedException {
        try (BenchLimaHome home = new BenchLimaHome()) {
            long setupStart = System.nanoTime();
            List<Instance> instances = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = String.format("%s-%03d", namePrefix, i);
                long pid = agents.spawn(kind, home.directory(name));
                pids.add(pid);
                instances.add(home.instance(name, pid));
            }
            Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);

            phases.reset();
            sampler.openWindow();
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            CompletableFuture<List<StopReport>> future = stopper.stopAll(instances, options);
            List<StopReport> reports;
            try {
                reports = future.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new IllegalStateException("stopAll of " + n + " " + kind + " instances did not finish within "
                        + STOP_TIMEOUT.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException("stopAll failed (it should report, not throw): " + e.getCause(), e);
            }
            long end = System.nanoTime();
            Instant doneAt = Instant.now();
            ThreadSampler.Window threads = sampler.closeWindow();

            Map<Long, Instant> exits = agents.awaitExits(pids, EXIT_REPORT_TIMEOUT);
            if (!phases.awaitReports(n, EXIT_REPORT_TIMEOUT)) {
                throw new IllegalStateException("the listener did not get the " + n + " reports within "
                        + EXIT_REPORT_TIMEOUT.toSeconds() + " s of the end of stopAll");
            }
            Optional<Instant> lastExit = exits.values().stream().max(Instant::compareTo);
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            List<String> failures = new ArrayList<>();
            for (StopReport r : reports) {
                outcomes.merge(r.outcome(), 1, Integer::sum);
                if (r.outcome() == Outcome.FAILED && failures.size() < 3) {
                    failures.add(r.describe());
                }
            }
            return new Result(n, setup, Duration.ofNanos(end - start),
                    phases.latest(StopEvent.Type.SIGNAL_SENT).map(t -> Duration.between(startedAt, t)),
                    phases.latest(StopEvent.Type.KILL_SENT).map(t -> Duration.between(startedAt, t)),
                    lastExit.map(t -> Duration.between(startedAt, t)),
                    lastExit.map(t -> Duration.between(t, doneAt)),
                    exits.size(), outcomes, threads, failures);
        }
    }
}
