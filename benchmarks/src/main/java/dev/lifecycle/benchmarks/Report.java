package dev.lifecycle.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The summary tables (Markdown, ready for BENCHMARKS.md) and the verdict on each target. */
final class Report {

    private final List<ResultLine> latency = new ArrayList<>();
    private final List<ResultLine> stops = new ArrayList<>();
    private final List<ResultLine> configs = new ArrayList<>();

    void add(ResultLine r) {
        switch (r.get("scenario")) {
            case "latency" -> latency.add(r);
            case "config" -> configs.add(r);
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
        if (!stops.isEmpty()) {
            out.println("stopAll, times in ms from the call: last SIGINT / last SIGKILL sent (library events),"
                    + " last agent exit (as the agent host saw it reaped), wall (the future's get() returned)."
                    + " Done after last exit, two estimates: wall minus the host-seen last exit, and wall minus the"
                    + " last SIGINT (no agent exits before its SIGINT); each can be off by a few ms of scheduling,"
                    + " the target is judged on the larger. Threads: library threads alive at the peak.");
            out.println();
            out.println("| agents | N | round | grace | last SIGINT | last SIGKILL | last exit | wall | done after last exit (host-seen / via last SIGINT) | outcomes | threads (peak) | target | met |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|");
            List<String> threadSets = new ArrayList<>();
            for (ResultLine r : stops) {
                boolean graceful = r.get("kind").equals("graceful");
                String target;
                boolean met;
                int threads = (int) r.getLong("peakThreads");
                if (graceful) {
                    // Judged on the larger of the two estimates: both exit instants are stamped a little late.
                    target = "done ≤ " + (long) BenchmarkMain.GRACEFUL_DONE_AFTER_LAST_EXIT_MS + " after last exit";
                    met = r.has("lastInterruptToDoneMs") && r.has("lastExitToDoneMs")
                            && Math.max(Double.parseDouble(r.get("lastInterruptToDoneMs")),
                                    Double.parseDouble(r.get("lastExitToDoneMs")))
                                    <= BenchmarkMain.GRACEFUL_DONE_AFTER_LAST_EXIT_MS
                            && r.get("exitsSeen").equals(r.get("instances"))
                            && r.get("outcomes").equals("STOPPED_GRACEFULLY=" + r.get("instances"));
                } else {
                    target = "wall ≤ " + (long) BenchmarkMain.IGNORING_TOTAL_MS;
                    met = Double.parseDouble(r.get("wallMs")) <= BenchmarkMain.IGNORING_TOTAL_MS
                            && r.get("exitsSeen").equals(r.get("instances"))
                            && r.get("outcomes").equals("STOPPED_FORCIBLY=" + r.get("instances"));
                }
                boolean threadsMet = threads <= BenchmarkMain.MAX_LIBRARY_THREADS;
                target += ", threads ≤ " + BenchmarkMain.MAX_LIBRARY_THREADS;
                if (!threadSets.contains(r.get("threadNames"))) {
                    threadSets.add(r.get("threadNames"));
                }
                out.println("| " + r.get("kind") + " | " + r.get("instances") + " | " + r.get("round") + " | "
                        + r.get("graceMs") + " | " + opt(r, "lastInterruptMs") + " | " + opt(r, "lastKillMs") + " | "
                        + opt(r, "startToLastExitMs") + " | " + r.get("wallMs") + " | " + opt(r, "lastExitToDoneMs")
                        + (graceful ? " / " + opt(r, "lastInterruptToDoneMs") : "")
                        + " | " + r.get("outcomes") + " | " + threads + " | " + target + " | "
                        + (met && threadsMet ? "yes" : "NO") + " |");
                verdicts.add((met && threadsMet ? "MET" : "MISSED") + ": stopAll " + r.get("instances") + " "
                        + r.get("kind") + " round " + r.get("round") + " (" + target + ")");
            }
            out.println();
            threadSets.forEach(names -> out.println("library threads at the peak: " + names));
            out.println();
            out.println("exit watching in the stopAll runs: "
                    + stops.stream().map(r -> r.get("mechanism")).distinct().reduce((a, b) -> a + ", " + b).orElse("?"));
            out.println();
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

    private static String latencyRow(String who, String mechanism, ResultLine r, String prefix) {
        return "| " + who + " | " + mechanism + " | " + r.get("trials") + " | " + opt(r, prefix + ".median") + " | "
                + opt(r, prefix + ".p95") + " | " + opt(r, prefix + ".min") + " | " + opt(r, prefix + ".max") + " | "
                + r.get(prefix + ".missed") + " |";
    }

    private static String opt(ResultLine r, String key) {
        return r.has(key) ? r.get(key) : "–";
    }
}
