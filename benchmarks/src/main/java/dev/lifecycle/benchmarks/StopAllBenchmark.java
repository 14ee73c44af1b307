// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One timed {@link InstanceStopper#stopAll} of {@code n} fresh {@link RunningInstances} whose
 * processes are all of one {@link AgentKind}, and its floor: the same processes ended with
 * no library at all. Processes are started, PID files written and the home read with
 * {@link LimaHome#list()} (as the CLI's {@code stop --all} does) before any clock starts.
 * Timed: from the call to {@code stopAll} to the return of its future's {@code get()} on the
 * calling thread. The slowest process's exit is the latest exit instant the agent host
 * reported.
 */
final class StopAllBenchmark {

    /** What one round measured. */
    record Result(int instances, Duration setup, Duration wall, Optional<Duration> lastInterrupt,
                  Optional<Duration> lastKill, Optional<Duration> startToLastExit,
                  Optional<Duration> lastExitToDone, int exitsSeen, Map<Outcome, Integer> outcomes,
                  ThreadSampler.Window threads, List<String> failures) {
    }

    /**
     * The kernel's work for the same instances, with no library: one {@code kill -s INT} of
     * every agent, then (for agents that ignore it, after the grace period, which is added
     * rather than slept) {@code kill(2)} with SIGKILL of every process, each reaped at once
     * by the agent host.
     *
     * @param interrupt the {@code kill -s INT} command, from its start to its end
     * @param toLastExit from the start to the last exit the agent host reported, grace not included
     * @param exitsSeen how many processes were seen to exit
     */
    record Floor(Duration interrupt, Duration toLastExit, int exitsSeen) {
        /** @return the floor of a stop with the given grace period for these agents */
        Duration total(AgentKind kind, Duration grace) {
            return kind == AgentKind.IGNORING ? toLastExit.plus(grace) : toLastExit;
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration EXIT_REPORT_TIMEOUT = Duration.ofSeconds(20);

    private final InstanceStopper stopper;
    private final AgentHostClient agents;
    private final ThreadSampler sampler;
    private final PhaseClock phases;
    private final ProcessControl control;

    /** @param phases the listener the stopper was built with */
    StopAllBenchmark(InstanceStopper stopper, ProcessControl control, PhaseClock phases, AgentHostClient agents,
                     ThreadSampler sampler) {
        this.stopper = stopper;
        this.control = control;
        this.phases = phases;
        this.agents = agents;
        this.sampler = sampler;
    }

    Result run(AgentKind kind, int n, long delayMs, StopOptions options, String namePrefix)
            throws IOException, InterruptedException {
        try (BenchLimaHome home = new BenchLimaHome()) {
            long setupStart = System.nanoTime();
            RunningInstances running = RunningInstances.start(agents, home, kind, n, delayMs, namePrefix);
            List<Instance> instances = readAsTheCliDoes(home, running);
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

            Map<Long, Instant> exits = agents.awaitExits(running.allPids(), EXIT_REPORT_TIMEOUT);
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

    /**
     * The instances as a host app or the CLI gets them, untimed: read from the home with
     * {@link LimaHome#list()}, which parses each {@code lima.yaml} once (the stop's own reads
     * of it then find it parsed). Checked against what was started, so that a misread home
     * cannot make the stop look fast.
     */
    private List<Instance> readAsTheCliDoes(BenchLimaHome home, RunningInstances running) {
        List<Instance> read = LimaHome.of(home.path(), control).list().stream().map(LimaInstance::instance).toList();
        Map<String, Instance> started = new HashMap<>();
        running.instances().forEach(i -> started.put(i.name(), i));
        for (Instance i : read) {
            Instance expected = started.get(i.name());
            if (expected == null || !i.processes().stream().map(ProcessRef::pid).toList()
                    .equals(expected.processes().stream().map(ProcessRef::pid).toList())) {
                throw new IllegalStateException("LimaHome.list() read " + i + ", not what was started: " + expected);
            }
        }
        if (read.size() != started.size()) {
            throw new IllegalStateException("LimaHome.list() read " + read.size() + " instances of " + started.size());
        }
        return read;
    }

    /** Measures the {@link Floor} on fresh instances of the same kind and number. */
    Floor floor(AgentKind kind, int n, long delayMs) throws IOException, InterruptedException {
        try (BenchLimaHome home = new BenchLimaHome()) {
            RunningInstances running = RunningInstances.start(agents, home, kind, n, delayMs, "floor");
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            List<String> kill = new ArrayList<>(List.of("kill", "-s", "INT"));
            running.agentPids().forEach(pid -> kill.add(Long.toString(pid)));
            Process k = new ProcessBuilder(kill).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!k.waitFor(30, TimeUnit.SECONDS) || k.exitValue() != 0) {
                throw new IllegalStateException("kill -s INT of " + n + " agents failed");
            }
            Duration interrupt = Duration.ofNanos(System.nanoTime() - start);
            Instant from = startedAt;
            if (kind == AgentKind.IGNORING) {
                // The grace period is added, not slept: from here on it is SIGKILL and reaping only.
                from = Instant.now();
                for (long pid : running.allPids()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            Map<Long, Instant> exits = agents.awaitExits(running.allPids(), EXIT_REPORT_TIMEOUT);
            Instant last = exits.values().stream().max(Instant::compareTo).orElse(from);
            Duration toLastExit = Duration.between(from, last).plus(kind == AgentKind.IGNORING ? interrupt : Duration.ZERO);
            return new Floor(interrupt, toLastExit, exits.size());
        }
    }
}
