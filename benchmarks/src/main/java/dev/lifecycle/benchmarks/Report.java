// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The summary tables (Markdown, ready for BENCHMARKS.md) and the verdict on each target. */
final class Report {

    private final List<ResultLine> latency = new ArrayList<>();
    private final List<ResultLine> stops = new ArrayList<>();
    private final List<ResultLine> configs = new ArrayList<>();
    private final List<ResultLine> lists = new ArrayList<>();
    private final List<ResultLine> clis = new ArrayList<>();

    void add(ResultLine r) {
        switch (r.get("scenario")) {
            case "latency" -> latency.add(r);
            case "config" -> configs.add(r);
            case "list" -> lists.add(r);
            case "cli" -> clis.add(r);
            default -> stops.add(r);
        }
    }

    void print(PrintStream out) {
        List<String> verdicts = new ArrayList<>();
        if (!latency.isEmpty()) {
            out.println("Exit-notice latency, non-child process, SIGKILL at a known moment (ms after the kill)");
            out.println();
            out.println("| watcher | mechanism | trials | median | p95 | min | max | missed |");
            out.println("|---|---|---:|---:|---:|---:|---:|---:|");
            for (ResultLine r : latency) {
                String who = r.get("mechanism").startsWith("polling") ? "Lifecycle (forced polling)" : "Lifecycle";
                out.println(latencyRow(who, r.get("mechanism"), r, "ours"));
                if (r.has("jdk.missed")) {
                    out.println(latencyRow("JDK `ProcessHandle.onExit()`", "sleep-and-check, 300 ms +30 ms a round", r, "jdk"));
                    if (r.has("ours.median") && r.has("jdk.median")) {
                        boolean better = Double.parseDouble(r.get("ours.median")) < Double.parseDouble(r.get("jdk.median"))
                                && Double.parseDouble(r.get("ours.p95")) < Double.parseDouble(r.get("jdk.p95"));
                        verdicts.add((better ? "MET" : "MISSED") + ": exit notice (" + r.get("mechanism")
                                + ") earlier than the JDK's at median and p95");
                    }
                }
            }
            out.println();
        }
        if (!clis.isEmpty()) {
            printCli(out, verdicts);
        }
        if (!lists.isEmpty()) {
            printLists(out, verdicts);
        }
        if (!stops.isEmpty()) {
            printStops(out, verdicts);
        }
        if (!configs.isEmpty()) {
            out.println("lima.yaml read through LimaHome.read, one fresh JVM per shape with " + BenchmarkMain.CONFIG_HEAP
                    + " (ms; first = the JVM's first read, class loading and cold JIT included)");
            out.println();
            out.println("| shape | bytes | first read | median after | max after | heap pools' peaks, summed (MB) | read | met |");
            out.println("|---|---:|---:|---:|---:|---:|---|---|");
            for (ResultLine r : configs) {
                boolean met = Double.parseDouble(r.get("medianMs")) <= BenchmarkMain.CONFIG_READ_MS;
                out.println("| " + r.get("shape") + " | " + r.get("bytes") + " | " + r.get("firstMs") + " | "
                        + r.get("medianMs") + " | " + r.get("maxMs") + " | " + r.get("peakHeapMb") + " of "
                        + r.get("maxHeapMb") + " | " + r.get("read") + " | " + (met ? "yes" : "NO") + " |");
                verdicts.add((met ? "MET" : "MISSED") + ": lima.yaml '" + r.get("shape") + "' read in ≤ "
                        + (long) BenchmarkMain.CONFIG_READ_MS + " ms (median) within " + BenchmarkMain.CONFIG_HEAP);
            }
            out.println();
        }
        verdicts.forEach(out::println);
    }

    private void printCli(PrintStream out, List<String> verdicts) {
        out.println("CLI process wall time in ms (start to exit), against a bare JVM start in the same run;"
                + " ratio = median / bare median");
        out.println();
        out.println("| command | runs | median | min | bare JVM median | ratio | target | met |");
        out.println("|---|---:|---:|---:|---:|---:|---|---|");
        for (ResultLine r : clis) {
            String label = r.get("label");
            OptionalDouble target = label.startsWith("--version") ? OptionalDouble.of(BenchmarkMain.CLI_VERSION_MS)
                    : label.startsWith("stop") ? OptionalDouble.of(BenchmarkMain.CLI_STOP_MS) : OptionalDouble.empty();
            String met = target.isEmpty() ? "–" : Double.parseDouble(r.get("medianMs")) <= target.getAsDouble() ? "yes" : "NO";
            out.println("| " + label + " | " + r.get("runs") + " | " + r.get("medianMs") + " | " + r.get("minMs") + " | "
                    + r.get("bareMedianMs") + " | " + r.get("ratio") + " | "
                    + (target.isEmpty() ? "–" : "median ≤ " + (long) target.getAsDouble()) + " | " + met + " |");
            if (target.isPresent()) {
                verdicts.add((met.equals("yes") ? "MET" : "MISSED") + ": CLI " + label + " median ≤ "
                        + (long) target.getAsDouble() + " ms");
            }
        }
        out.println();
    }

    private void printLists(PrintStream out, List<String> verdicts) {
        out.println("LimaHome.list() of N running instances (host agent and QEMU stand-ins each), times in ms per whole"
                + " read in one warm JVM; floor = the same directories, files and /proc entries read with plain Files"
                + " calls, alternating with the library's reads; ratio = median / floor median");
        out.println();
        out.println("| N | first read | median | min | CPU median | floor median | ratio | µs per instance | statuses | target | met |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        for (ResultLine r : lists) {
            long n = r.getLong("instances");
            OptionalDouble target = n == 200 ? OptionalDouble.of(BenchmarkMain.LIST_200_MS)
                    : n == 1000 ? OptionalDouble.of(BenchmarkMain.LIST_1000_MS) : OptionalDouble.empty();
            boolean allRunning = r.has("allRunning") ? r.getLong("allRunning") == n
                    : r.get("statuses").equals("{RUNNING=" + n + "}");
            boolean met = target.isEmpty() || Double.parseDouble(r.get("medianMs")) <= target.getAsDouble();
            String expected = "agent and driver found running";
            out.println("| " + n + " | " + r.get("coldMs") + " | " + r.get("medianMs") + " | " + r.get("minMs") + " | "
                    + opt(r, "cpuMedianMs") + " | " + r.get("floorMedianMs") + " | " + r.get("ratio") + " | "
                    + r.get("usPerInstance") + " | " + r.get("statuses") + " | "
                    + (target.isEmpty() ? expected : "median ≤ " + (long) target.getAsDouble() + ", " + expected)
                    + " | " + (met && allRunning ? "yes" : "NO") + " |");
            if (target.isPresent() || !allRunning) {
                verdicts.add((met && allRunning ? "MET" : "MISSED") + ": LimaHome.list() of " + n
                        + (target.isEmpty() ? "" : " in ≤ " + (long) target.getAsDouble() + " ms") + ", " + expected);
            }
        }
        out.println();
        slope(lists, "medianMs", "floorMedianMs").ifPresent(line -> out.println("cost per added instance: " + line));
        out.println();
    }

    private void printStops(PrintStream out, List<String> verdicts) {
        out.println("stopAll of N instances (a host agent and a QEMU stand-in each, 2N processes), times in ms from"
                + " the call: last SIGINT / last SIGKILL sent (library events), last exit (as the agent host saw it"
                + " reaped), wall (the future's get() returned). Floor = the same processes ended with no library"
                + " (one `kill -s INT`, then for agents that ignore it the grace period plus SIGKILL of every process),"
                + " measured in the same JVM; ratio = wall / floor. Threads: library threads alive at the peak.");
        out.println();
        out.println("| agents | N | round | grace | last SIGINT | last SIGKILL | last exit | wall | floor | ratio"
                + " | wall − grace | library CPU | outcomes | exits seen | threads (peak) | fds (peak) | target | met |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|");
        List<String> threadSets = new ArrayList<>();
        for (ResultLine r : stops) {
            boolean graceful = r.get("kind").equals("graceful");
            long n = r.getLong("instances");
            double wall = Double.parseDouble(r.get("wallMs"));
            double grace = r.getLong("graceMs");
            OptionalDouble target = isFileLimited(r) ? OptionalDouble.empty()
                    : graceful ? (n == 200 ? OptionalDouble.of(BenchmarkMain.GRACEFUL_200_MS) : OptionalDouble.empty())
                    : n == 200 ? OptionalDouble.of(BenchmarkMain.IGNORING_200_MS)
                    : n == 1000 ? OptionalDouble.of(BenchmarkMain.IGNORING_1000_MS) : OptionalDouble.empty();
            String expected = (graceful ? "STOPPED_GRACEFULLY=" : "STOPPED_FORCIBLY=") + n;
            int threads = (int) r.getLong("peakThreads");
            boolean complete = r.get("outcomes").equals(expected) && r.get("exitsSeen").equals(r.get("processes"));
            boolean met = complete && threads <= BenchmarkMain.MAX_LIBRARY_THREADS
                    && (target.isEmpty() || wall <= target.getAsDouble());
            String targetText = (target.isEmpty() ? "" : "wall ≤ " + (long) target.getAsDouble() + ", ")
                    + "all " + (graceful ? "graceful" : "forced") + ", threads ≤ " + BenchmarkMain.MAX_LIBRARY_THREADS;
            if (!threadSets.contains(r.get("threadNames"))) {
                threadSets.add(r.get("threadNames"));
            }
            String limit = isFileLimited(r) ? ", `ulimit -n " + r.get("openFiles") + "`" : "";
            out.println("| " + r.get("kind") + (graceful ? " (" + r.get("delayMs") + " ms)" : "") + limit + " | " + n + " | "
                    + r.get("round") + " | " + r.get("graceMs") + " | " + opt(r, "lastInterruptMs") + " | "
                    + opt(r, "lastKillMs") + " | " + opt(r, "startToLastExitMs") + " | **" + r.get("wallMs") + "** | "
                    + opt(r, "floorMs") + " | " + opt(r, "ratio") + " | "
                    + (graceful ? "–" : String.format(Locale.ROOT, "%.1f", wall - grace)) + " | "
                    + opt(r, "libraryCpuMs") + " | " + r.get("outcomes")
                    + " | " + r.get("exitsSeen") + "/" + r.get("processes") + " | " + threads + " | "
                    + r.get("peakFds") + " | " + targetText + " | " + (met ? "yes" : "NO") + " |");
            verdicts.add((met ? "MET" : "MISSED") + ": stopAll " + n + " " + r.get("kind") + limit + " round "
                    + r.get("round") + " (" + targetText + ")");
        }
        out.println();
        for (String kind : List.of("graceful", "ignoring")) {
            List<ResultLine> warm = new ArrayList<>();
            for (ResultLine r : stops) {
                if (r.get("kind").equals(kind) && isLastRound(r) && !isFileLimited(r)) {
                    warm.add(r);
                }
            }
            slope(warm, "wallMs", "floorMs").ifPresent(line -> out.println("cost per added instance, " + kind
                    + " (last round of each N): " + line));
        }
        out.println();
        threadSets.forEach(names -> out.println("library threads at the peak: " + names));
        out.println();
        out.println("exit watching in the stopAll runs: "
                + stops.stream().map(r -> r.get("mechanism")).distinct().reduce((a, b) -> a + ", " + b).orElse("?"));
        out.println();
    }

    private static boolean isFileLimited(ResultLine r) {
        return r.has("openFiles") && !r.get("openFiles").equals("default");
    }

    private boolean isLastRound(ResultLine r) {
        return stops.stream().filter(o -> !isFileLimited(o)).noneMatch(o -> o.get("kind").equals(r.get("kind"))
                && o.get("instances").equals(r.get("instances")) && o.getLong("round") > r.getLong("round"));
    }

    /**
     * The cost of one more instance: the slope between the smallest and the largest N, for
     * the library and for its floor.
     */
    static Optional<String> slope(List<ResultLine> rows, String key, String floorKey) {
        Optional<ResultLine> small = rows.stream().min(Comparator.comparingLong(r -> r.getLong("instances")));
        Optional<ResultLine> large = rows.stream().max(Comparator.comparingLong(r -> r.getLong("instances")));
        if (small.isEmpty() || small.get().getLong("instances") == large.get().getLong("instances")
                || !small.get().has(floorKey) || !large.get().has(floorKey)) {
            return Optional.empty();
        }
        long dn = large.get().getLong("instances") - small.get().getLong("instances");
        double lib = (Double.parseDouble(large.get().get(key)) - Double.parseDouble(small.get().get(key))) * 1000 / dn;
        double floor = (Double.parseDouble(large.get().get(floorKey)) - Double.parseDouble(small.get().get(floorKey)))
                * 1000 / dn;
        return Optional.of(String.format(Locale.ROOT, "%.0f µs (floor %.0f µs), from N = %d to N = %d", lib, floor,
                small.get().getLong("instances"), large.get().getLong("instances")));
    }

    private static String latencyRow(String who, String mechanism, ResultLine r, String prefix) {
        return "| " + who + " | " + mechanism + " | " + r.get("trials") + " | " + opt(r, prefix + ".median") + " | "
                + opt(r, prefix + ".p95") + " | " + opt(r, prefix + ".min") + " | " + opt(r, prefix + ".max") + " | "
                + r.get(prefix + ".missed") + " |";
    }

    private static String opt(ResultLine r, String key) {
        return r.has(key) ? r.get(key) : "–";
    }
}
