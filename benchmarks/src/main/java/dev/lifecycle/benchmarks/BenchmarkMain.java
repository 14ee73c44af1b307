// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs every benchmark, each in a fresh JVM ({@link ScenarioMain}), and prints one table
 * with the targets. Usage:
 * <pre>
 * java -jar benchmarks/target/lifecycle-benchmarks.jar [--trials 30] [--spacing-ms 100]
 *     [--sizes 50,200,1000] [--rounds 2] [--warmup-rounds 4] [--grace-ms 1000] [--delay-ms 100] [--reads 7] [--runs 10]
 *     [--only latency|stop|list|cli|config]
 * </pre>
 * Exit status 0 when every scenario ran (targets missed or not), 1 when one failed to run.
 */
public final class BenchmarkMain {

    /** Issue 14's targets on a 2-core machine: stopAll of 200 instances that exit 100 ms after the interrupt. */
    static final double GRACEFUL_200_MS = 250;
    /** ... of 200 that ignore it, 1 s grace. */
    static final double IGNORING_200_MS = 1150;
    /** ... of 1,000 that ignore it, 1 s grace. */
    static final double IGNORING_1000_MS = 1300;
    /** LimaHome.list() of 200 running instances. */
    static final double LIST_200_MS = 60;
    /** ... of 1,000. */
    static final double LIST_1000_MS = 300;
    /** {@code lifecycle --version}. */
    static final double CLI_VERSION_MS = 250;
    /** {@code lifecycle stop NAME} of one instance whose agent exits at once (its grace wait is a few ms). */
    static final double CLI_STOP_MS = 350;
    static final int MAX_LIBRARY_THREADS = 8;
    /** The largest stop runs once more with the JVM limited to this many open files ({@code ulimit -n}). */
    static final String FD_LIMITED_TO = "256";
    /** Any lima.yaml up to the reader's size limit, read in this time (median after the first read) ... */
    static final double CONFIG_READ_MS = 200;
    /** ... within this heap. */
    static final String CONFIG_HEAP = "-Xmx32m";
    private static final long SCENARIO_TIMEOUT_MINUTES = 10;
    /** Graceful agents exit after their delay: a long grace period only guards against a hang turning into kills. */
    private static final String GRACEFUL_GRACE_MS = "10000";

    private static int scenarioCount;

    private BenchmarkMain() {
    }

    /**
     * @param argv options, see the class comment
     * @throws Exception if the harness itself fails
     */
    public static void main(String[] argv) throws Exception {
        Args args = new Args(Arrays.asList(argv),
                Set.of("--trials", "--spacing-ms", "--sizes", "--rounds", "--warmup-rounds", "--grace-ms", "--delay-ms",
                        "--reads", "--runs",
                        "--only"), Set.of());
        String trials = args.get("--trials", "30");
        String spacing = args.get("--spacing-ms", "100");
        String rounds = args.get("--rounds", "2");
        String warmups = args.get("--warmup-rounds", "4");
        String grace = args.get("--grace-ms", "1000");
        String only = args.get("--only", "all");
        String delay = args.get("--delay-ms", "100");
        String reads = args.get("--reads", "7");
        String runs = args.get("--runs", "10");
        List<String> sizes = Arrays.asList(args.get("--sizes", "50,200,1000").split(","));

        System.out.println("Lifecycle benchmarks");
        MachineInfo.describe().forEach(l -> System.out.println("  " + l));
        System.out.println();

        Path logs = Files.createTempDirectory("lifecycle-bench-logs-");
        Report report = new Report();
        boolean ok = true;
        if (only.equals("all") || only.equals("latency")) {
            ok &= run(report, logs, "exit-notice latency, event watcher (default)", Map.of(),
                    List.of("latency", "--trials", trials, "--spacing-ms", spacing));
            ok &= run(report, logs, "exit-notice latency, polling watcher (-Dlifecycle.unix.exitWatcher=poll)",
                    Map.of("lifecycle.unix.exitWatcher", "poll"),
                    List.of("latency", "--trials", trials, "--spacing-ms", spacing, "--no-jdk"));
        }
        if (only.equals("all") || only.equals("config")) {
            for (String shape : ConfigReadBenchmark.SHAPES) {
                ok &= run(report, logs, "lima.yaml read, shape " + shape + ", " + CONFIG_HEAP, List.of(CONFIG_HEAP),
                        Map.of(), List.of("config", "--shape", shape));
            }
        }
        if (only.equals("all") || only.equals("cli")) {
            ok &= run(report, logs, "CLI start against a bare JVM", Map.of(), List.of("cli", "--runs", runs));
        }
        if (only.equals("all") || only.equals("list")) {
            for (String n : sizes) {
                ok &= run(report, logs, "LimaHome.list(), " + n.strip() + " running instances", Map.of(),
                        List.of("list", "--instances", n.strip(), "--reads", reads));
            }
        }
        if (only.equals("all") || only.equals("stop")) {
            for (String kind : List.of("graceful", "ignoring")) {
                for (String n : sizes) {
                    String g = kind.equals("graceful") ? GRACEFUL_GRACE_MS : grace;
                    ok &= run(report, logs, "stopAll, " + n.strip() + " " + kind + " instances, grace " + g + " ms",
                            Map.of(), List.of("stop", "--kind", kind, "--instances", n.strip(), "--rounds", rounds,
                                    "--warmup-rounds", warmups, "--grace-ms", g, "--delay-ms", delay));
                }
            }
            String largest = sizes.get(sizes.size() - 1).strip();
            ok &= run(report, logs, "stopAll, " + largest + " ignoring instances, grace " + grace + " ms, open files "
                    + FD_LIMITED_TO, Map.of(), List.of("stop", "--kind", "ignoring", "--instances", largest, "--rounds", "1",
                            "--grace-ms", grace, "--open-files", FD_LIMITED_TO));
        }
        System.out.println();
        report.print(System.out);
        System.out.println();
        System.out.println("library log lines (WARN and above) of each scenario: " + logs);
        System.exit(ok ? 0 : 1);
    }

    /** Runs one scenario JVM, echoing its progress and collecting its results. */
    private static boolean run(Report report, Path logs, String title, Map<String, String> props,
                               List<String> scenarioArgs) throws IOException, InterruptedException {
        return run(report, logs, title, List.of(), props, scenarioArgs);
    }

    private static boolean run(Report report, Path logs, String title, List<String> jvmOptions, Map<String, String> props,
                               List<String> scenarioArgs) throws IOException, InterruptedException {
        System.out.println("== " + title);
        // Library warnings (none when every outcome is as expected) go to a file, not over the table.
        Map<String, String> jvmProps = new TreeMap<>(props);
        jvmProps.put("org.slf4j.simpleLogger.logFile",
                logs.resolve(String.format("%02d-%s.log", ++scenarioCount, scenarioArgs.get(0))).toString());
        List<String> args = new ArrayList<>(scenarioArgs);
        args.add("--exit-on-stdin-eof");
        Process p = new ProcessBuilder(ChildJvm.command(ScenarioMain.class, jvmOptions, jvmProps, args))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // Our end of its stdin stays open until it is done: if this JVM dies, it sees end of input and cleans up.
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                var result = ResultLine.parse(line);
                if (result.isPresent()) {
                    report.add(result.get());
                } else {
                    System.out.println("   " + line);
                }
            }
        }
        boolean finished = p.waitFor(SCENARIO_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        p.getOutputStream().close();
        if (!finished) {
            p.destroyForcibly();
            System.out.println("   FAILED: scenario did not finish within " + SCENARIO_TIMEOUT_MINUTES + " min");
            return false;
        }
        if (p.exitValue() != 0) {
            System.out.println("   FAILED: scenario JVM exited with " + p.exitValue());
            return false;
        }
        return true;
    }
}
