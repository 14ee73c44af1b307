// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.ProcessControls;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One scenario in a fresh JVM; prints progress, then {@link ResultLine}s for
 * {@link BenchmarkMain}. Usage:
 * <pre>
 * latency [--trials 30] [--spacing-ms 100] [--no-jdk]
 * stop --kind graceful|ignoring --instances N [--rounds 2] [--warmup-rounds 0] [--grace-ms 1000] [--delay-ms 100]
 *      [--open-files N]
 * list --instances N [--reads 7]
 * config --shape NAME [--reads 20]
 * cli [--runs 10] [--cli-jar PATH] [--launcher PATH]
 * </pre>
 * With {@code --exit-on-stdin-eof} the JVM exits (killing its agents) when its standard
 * input closes, so that it cannot outlive the orchestrator.
 */
public final class ScenarioMain {

    /** The size of a warm-up stop: enough to compile every path, at a fraction of a 1,000-instance setup. */
    private static final int WARMUP_INSTANCES = 200;

    private ScenarioMain() {
    }

    /**
     * @param argv the scenario and its options
     * @throws Exception when the scenario cannot run; the agents are killed regardless
     */
    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            throw new IllegalArgumentException("usage: latency|stop [options]");
        }
        String scenario = argv[0];
        Args args = new Args(Arrays.asList(argv).subList(1, argv.length),
                Set.of("--trials", "--spacing-ms", "--kind", "--instances", "--rounds", "--warmup-rounds", "--grace-ms", "--delay-ms",
                        "--reads", "--runs", "--cli-jar", "--launcher", "--shape", "--open-files"),
                Set.of("--no-jdk", "--exit-on-stdin-eof"));
        if (args.flag("--exit-on-stdin-eof")) {
            exitOnStdinEof();
        }
        if (scenario.equals("config")) {
            // Reading only: no agents, no provider needed, and nothing loaded before the first read.
            config(args);
            System.out.flush();
            System.exit(0);
        }
        ThreadSampler sampler = new ThreadSampler();
        try (AgentHostClient agents = AgentHostClient.start()) {
            // Everything alive now is the harness's; the library has not been touched yet.
            sampler.takeBaseline();
            ProcessControl control = ProcessControls.selected();
            System.out.println("provider " + control.id() + ", exit watching by " + control.exitWatchMechanism());
            switch (scenario) {
                case "latency":
                    latency(control, agents, args);
                    break;
                case "stop":
                    stop(control, agents, sampler, args);
                    break;
                case "list":
                    list(control, agents, args);
                    break;
                case "cli":
                    cli(agents, args);
                    break;
                default:
                    throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
            }
        } finally {
            sampler.close();
        }
        System.out.flush();
        System.exit(0);
    }

    private static void latency(ProcessControl control, AgentHostClient agents, Args args)
            throws IOException, InterruptedException {
        int trials = args.getInt("--trials", 30);
        Duration spacing = Duration.ofMillis(args.getInt("--spacing-ms", 100));
        boolean withJdk = !args.flag("--no-jdk");
        System.out.println("exit-notice latency: " + trials + " non-child processes, SIGKILLed one in each "
                + spacing.toMillis() + " ms slot (random offset) after every watch was registered"
                + (withJdk ? "; ours and ProcessHandle.onExit()" : "; ours only"));
        ExitLatencyBenchmark.Result r = new ExitLatencyBenchmark(control, agents, trials, spacing, withJdk).run();
        ResultLine line = new ResultLine().put("scenario", "latency").put("provider", control.id())
                .put("mechanism", r.mechanism()).put("trials", trials);
        describe(line, "ours", r.oursNanos(), r.oursMissed());
        r.jdkNanos().ifPresent(jdk -> describe(line, "jdk", jdk, r.jdkMissed()));
        long killCall = new Stats(r.killCallNanos()).median();
        line.put("killCall.median", Stats.ms(killCall));
        System.out.println("  (the SIGKILL call itself, ProcessHandle.destroyForcibly(), took " + Stats.ms(killCall)
                + " ms at the median; it is inside both latencies)");
        System.out.println(line.format());
    }

    private static void describe(ResultLine line, String who, List<Long> nanos, int missed) {
        line.put(who + ".missed", missed);
        if (nanos.isEmpty()) {
            System.out.println("  " + who + ": no exit noticed at all (" + missed + " missed)");
            return;
        }
        Stats s = new Stats(nanos);
        line.put(who + ".median", Stats.ms(s.median())).put(who + ".p95", Stats.ms(s.percentile(95)))
                .put(who + ".min", Stats.ms(s.min())).put(who + ".max", Stats.ms(s.max()));
        System.out.println("  " + who + ": median " + Stats.ms(s.median()) + " ms, p95 " + Stats.ms(s.percentile(95))
                + " ms, min " + Stats.ms(s.min()) + " ms, max " + Stats.ms(s.max()) + " ms over " + s.count()
                + " exits" + (missed > 0 ? ", " + missed + " not noticed within the timeout" : ""));
    }

    private static void stop(ProcessControl control, AgentHostClient agents, ThreadSampler sampler, Args args)
            throws IOException, InterruptedException {
        AgentKind kind = AgentKind.valueOf(args.get("--kind", "graceful").toUpperCase(Locale.ROOT));
        int n = args.getInt("--instances", 50);
        int rounds = args.getInt("--rounds", 2);
        int warmups = args.getInt("--warmup-rounds", 0);
        Duration grace = Duration.ofMillis(args.getInt("--grace-ms", 1000));
        long delayMs = kind == AgentKind.GRACEFUL ? args.getInt("--delay-ms", 100) : 0;
        int openFiles = args.getInt("--open-files", 0);
        if (openFiles > 0) {
            FileLimit.lower(openFiles);
            System.out.println("open files limited to " + openFiles + " (soft and hard) from here on");
        }
        PhaseClock phases = new PhaseClock();
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of())
                .listener(phases).build();
        StopOptions options = StopOptions.builder().gracePeriod(grace).build();
        StopAllBenchmark bench = new StopAllBenchmark(stopper, control, phases, agents, sampler);
        List<ResultLine> lines = new java.util.ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (round == 2) {
                warmUp(bench, kind, Math.min(n, WARMUP_INSTANCES), warmups, delayMs, options);
            }
            StopAllBenchmark.Result r = bench.run(kind, n, delayMs, options, "r" + round);
            ResultLine line = new ResultLine().put("scenario", "stop").put("kind", kind.name().toLowerCase(Locale.ROOT))
                    .put("instances", n).put("round", round).put("graceMs", grace.toMillis()).put("delayMs", delayMs)
                    .put("openFiles", openFiles > 0 ? Integer.toString(openFiles) : "default")
                    .put("mechanism", control.exitWatchMechanism())
                    .put("setupMs", r.setup().toMillis())
                    .put("wallMs", Stats.ms(r.wall().toNanos()))
                    .put("exitsSeen", r.exitsSeen())
                    .put("processes", 2 * n)
                    .put("outcomes", outcomes(r.outcomes()))
                    .put("peakThreads", r.threads().peakAdded())
                    .put("threadNames", collapse(r.threads().namesAtPeak()))
                    .put("startedThreads", r.threads().started())
                    .put("peakFds", r.threads().peakOpenFds())
                    .put("libraryCpuMs", Stats.ms(r.threads().cpuNanos()));
            r.lastInterrupt().ifPresent(d -> line.put("lastInterruptMs", Stats.ms(d.toNanos())));
            r.lastKill().ifPresent(d -> line.put("lastKillMs", Stats.ms(d.toNanos())));
            r.startToLastExit().ifPresent(d -> line.put("startToLastExitMs", Stats.ms(d.toNanos())));
            r.lastExitToDone().ifPresent(d -> line.put("lastExitToDoneMs", Stats.ms(d.toNanos())));
            r.lastInterrupt().ifPresent(d -> line.put("lastInterruptToDoneMs", Stats.ms(r.wall().minus(d).toNanos())));
            System.out.println("round " + round + (round == 1 ? " (first stopAll in this JVM)"
                    : warmups > 0 ? " (after " + warmups + " untimed warm-up stops)" : "") + ": "
                    + n + " instances (" + 2 * n + " processes), " + kind.name().toLowerCase(Locale.ROOT)
                    + " started in " + r.setup().toMillis()
                    + " ms (untimed); stopAll took " + Stats.ms(r.wall().toNanos()) + " ms"
                    + r.lastInterrupt().map(d -> ", last SIGINT at +" + Stats.ms(d.toNanos()) + " ms").orElse("")
                    + r.lastKill().map(d -> ", last SIGKILL at +" + Stats.ms(d.toNanos()) + " ms").orElse("")
                    + r.startToLastExit().map(d -> ", last exit at +" + Stats.ms(d.toNanos()) + " ms").orElse("")
                    + r.lastExitToDone().map(d -> ", done " + Stats.ms(d.toNanos()) + " ms after it").orElse("")
                    + "; " + outcomes(r.outcomes()) + "; exits seen " + r.exitsSeen() + "/" + 2 * n
                    + "; library threads at peak " + r.threads().peakAdded() + " [" + collapse(r.threads().namesAtPeak())
                    + "], started in the run " + r.threads().started() + "; open fds peak " + r.threads().peakOpenFds()
                    + "; CPU of the library's threads " + Stats.ms(r.threads().cpuNanos()) + " ms");
            r.failures().forEach(f -> System.out.println("  failed: " + f.replace("\n", "\n    ")));
            lines.add(line);
        }
        StopAllBenchmark.Floor floor = bench.floor(kind, n, delayMs);
        Duration floorTotal = floor.total(kind, grace);
        System.out.println("floor, no library: kill -s INT of " + n + " agents took " + Stats.ms(floor.interrupt().toNanos())
                + " ms; last of " + floor.exitsSeen() + "/" + 2 * n + " exits "
                + Stats.ms(floor.toLastExit().toNanos()) + " ms after it started"
                + (kind == AgentKind.IGNORING ? " (SIGKILL and reap, grace not included)" : "")
                + "; floor of the stop " + Stats.ms(floorTotal.toNanos()) + " ms");
        for (ResultLine line : lines) {
            double wall = Double.parseDouble(line.get("wallMs"));
            line.put("floorMs", Stats.ms(floorTotal.toNanos()))
                    .put("floorExitsSeen", floor.exitsSeen())
                    .put("ratio", String.format(Locale.ROOT, "%.2f", wall / (floorTotal.toNanos() / 1e6)));
            System.out.println(line.format());
        }
    }

    /**
     * Untimed stops between round 1 (the JVM's first) and round 2, so that round 2 measures
     * code the JIT has compiled: on 2 CPUs the compiler threads still took a fifth of the
     * CPU during the third and fourth stopAll of 200 instances.
     */
    private static void warmUp(StopAllBenchmark bench, AgentKind kind, int n, int times, long delayMs,
                               StopOptions options) throws IOException, InterruptedException {
        for (int w = 1; w <= times; w++) {
            StopAllBenchmark.Result r = bench.run(kind, n, delayMs, options, "w" + w);
            System.out.println("warm-up " + w + " of " + times + ": " + n + " instances, stopAll took "
                    + Stats.ms(r.wall().toNanos()) + " ms (untimed); " + outcomes(r.outcomes()));
        }
    }

    private static void config(Args args) throws IOException {
        String shape = args.get("--shape", "template");
        int reads = args.getInt("--reads", 20);
        ConfigReadBenchmark.Result r = ConfigReadBenchmark.run(shape, reads);
        Stats later = new Stats(r.laterNanos());
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.println("lima.yaml '" + shape + "', " + r.bytes() + " bytes: first read " + Stats.ms(r.firstNanos())
                + " ms, then median " + Stats.ms(later.median()) + " ms, max " + Stats.ms(later.max()) + " ms over "
                + later.count() + " reads; peak heap " + r.peakHeapBytes() / (1024 * 1024) + " MB of "
                + maxHeap / (1024 * 1024) + " MB; read: " + r.read());
        System.out.println(new ResultLine().put("scenario", "config").put("shape", shape).put("bytes", r.bytes())
                .put("firstMs", Stats.ms(r.firstNanos())).put("medianMs", Stats.ms(later.median()))
                .put("maxMs", Stats.ms(later.max())).put("peakHeapMb", r.peakHeapBytes() / (1024 * 1024))
                .put("maxHeapMb", maxHeap / (1024 * 1024)).put("read", r.read()).format());
    }

    private static void list(ProcessControl control, AgentHostClient agents, Args args)
            throws IOException, InterruptedException {
        int n = args.getInt("--instances", 50);
        int reads = args.getInt("--reads", 7);
        ListBenchmark.Result r = new ListBenchmark(control, agents).run(n, reads);
        double lib = r.library().median() / 1e6;
        double floor = r.floor().median() / 1e6;
        System.out.println("LimaHome.list() of " + n + " running instances (set up in " + r.setup().toMillis()
                + " ms, untimed): first read in the JVM " + Stats.ms(r.cold().toNanos()) + " ms, then median "
                + Stats.ms(r.library().median()) + " ms (min " + Stats.ms(r.library().min()) + ", CPU "
                + Stats.ms(r.libraryCpu().median()) + ") over " + reads
                + " reads; floor (plain Files reads) median " + Stats.ms(r.floor().median()) + " ms (min "
                + Stats.ms(r.floor().min()) + "); statuses " + r.statuses());
        System.out.println(new ResultLine().put("scenario", "list").put("instances", n).put("reads", reads)
                .put("coldMs", Stats.ms(r.cold().toNanos()))
                .put("medianMs", Stats.ms(r.library().median())).put("minMs", Stats.ms(r.library().min()))
                .put("cpuMedianMs", Stats.ms(r.libraryCpu().median()))
                .put("floorMedianMs", Stats.ms(r.floor().median())).put("floorMinMs", Stats.ms(r.floor().min()))
                .put("ratio", String.format(Locale.ROOT, "%.2f", lib / floor))
                .put("usPerInstance", String.format(Locale.ROOT, "%.0f", lib * 1000 / n))
                .put("statuses", r.statuses().toString()).put("allRunning", r.allRunning()).format());
    }

    private static void cli(AgentHostClient agents, Args args) throws IOException, InterruptedException {
        int runs = args.getInt("--runs", 10);
        java.nio.file.Path jar = args.get("--cli-jar", "").isEmpty() ? CliStartBenchmark.defaultCliJar().orElseThrow(
                () -> new IllegalStateException("no examples/target/lifecycle-cli.jar: build it, or pass --cli-jar"))
                : java.nio.file.Path.of(args.get("--cli-jar", ""));
        java.util.Optional<java.nio.file.Path> launcher = args.get("--launcher", "").isEmpty()
                ? java.util.Optional.of(jar.resolveSibling("lifecycle")).filter(java.nio.file.Files::isExecutable)
                : java.util.Optional.of(java.nio.file.Path.of(args.get("--launcher", "")));
        System.out.println("CLI process wall times over " + runs + " runs each, interleaved; jar " + jar
                + launcher.map(l -> ", launcher " + l).orElse(", no launcher found"));
        CliStartBenchmark.Result r = new CliStartBenchmark(agents, jar, launcher).run(runs);
        Stats bare = r.byLabel().get("bare JVM");
        r.byLabel().forEach((label, s) -> {
            System.out.println("  " + label + ": median " + Stats.ms(s.median()) + " ms, min " + Stats.ms(s.min())
                    + " ms — " + r.commands().get(label));
            System.out.println(new ResultLine().put("scenario", "cli").put("label", label).put("runs", s.count())
                    .put("medianMs", Stats.ms(s.median())).put("minMs", Stats.ms(s.min()))
                    .put("bareMedianMs", Stats.ms(bare.median()))
                    .put("ratio", String.format(Locale.ROOT, "%.1f", (double) s.median() / bare.median())).format());
        });
    }

    private static String outcomes(Map<Outcome, Integer> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** {@code [a-1, a-2, b]} stays as is; repeated names become {@code name×k}. */
    static String collapse(List<String> names) {
        Map<String, Long> counts = new TreeMap<>();
        names.forEach(n -> counts.merge(n, 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void exitOnStdinEof() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the orchestrator writes nothing; only the end matters
                }
            } catch (IOException e) {
                // treat like end of input
            }
            System.err.println("scenario: orchestrator gone (end of input); killing the agents and exiting");
            System.exit(3);
        }, "bench-orchestrator-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
