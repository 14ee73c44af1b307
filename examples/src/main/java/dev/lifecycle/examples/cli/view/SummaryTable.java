// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary after a stop: one row per instance with its outcome, time and the path its
 * stop took (the steps that did something; a status is shown when it is not SUCCEEDED).
 * Under a FAILED or CANCELLED instance, every step that failed, timed out, was refused or was
 * cancelled, with why.
 */
public final class SummaryTable {

    private SummaryTable() {
    }

    /**
     * @param out where to print
     * @param reports the reports, in the order to show
     */
    public static void print(PrintWriter out, List<StopReport> reports) {
        TextTable table = new TextTable("INSTANCE", "OUTCOME", "TIME", "STEPS");
        for (StopReport r : reports) {
            List<String> notes = new ArrayList<>();
            if (!r.outcome().isStopped()) {
                r.steps().stream().filter(s -> s.status().isProblem() || s.status() == StepStatus.REFUSED
                                || s.status() == StepStatus.CANCELLED)
                        .forEach(s -> notes.add("! " + s.step() + " " + s.status()
                                + (s.pid().isPresent() ? " PID " + s.pid().getAsLong() : "") + ": " + s.message()));
            }
            table.row(List.of(r.instance(), r.outcome().name(), time(r.elapsed()), path(r.steps())), notes);
        }
        table.print(out);
    }

    /**
     * @param d a duration
     * @return {@code 412 ms} below a second, else {@code 2.03 s}
     */
    public static String time(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    /** The steps that did something, repeated ones counted: {@code identify x2 > interrupt-host-agent > ...}. */
    static String path(List<StepResult> steps) {
        List<String> parts = new ArrayList<>();
        String last = null;
        int count = 0;
        for (StepResult s : steps) {
            if (s.status() == StepStatus.SKIPPED) {
                continue;
            }
            String part = s.status() == StepStatus.SUCCEEDED ? s.step() : s.step() + " " + s.status();
            if (part.equals(last)) {
                count++;
                continue;
            }
            if (last != null) {
                parts.add(count > 1 ? last + " x" + count : last);
            }
            last = part;
            count = 1;
        }
        if (last != null) {
            parts.add(count > 1 ? last + " x" + count : last);
        }
        return parts.isEmpty() ? "-" : String.join(" > ", parts);
    }
}
