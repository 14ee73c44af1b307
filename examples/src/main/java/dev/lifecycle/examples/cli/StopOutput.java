// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.StopReport;
import dev.lifecycle.examples.cli.view.JsonReports;
import dev.lifecycle.examples.cli.view.SummaryTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The end of a stop's output, printed once: the summary table or the JSON document of a
 * stop that ran to its end, or — after Ctrl+C — what was done so far, in the same format.
 * Whichever comes first prints; the other does nothing.
 */
final class StopOutput {

    private final OutputStyle style;
    private final CliContext ctx;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean printed;

    StopOutput(OutputStyle style, CliContext ctx) {
        this.style = style;
        this.ctx = ctx;
    }

    /**
     * Prints the reports of a stop that ran to its end.
     *
     * @param reports one per instance, in display order
     */
    void complete(List<StopReport> reports) {
        lock.lock();
        try {
            if (!printed) {
                printed = true;
                print(reports, false, List.of());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Prints what was done before an interruption, within a time limit: a standard output
     * that is blocked (a paused reader) must not keep Ctrl+C from ending the program.
     *
     * @param done the reports that arrived, in display order
     * @param unfinished the instances without a report yet
     * @param limit how long printing may take
     */
    void interrupted(List<StopReport> done, List<String> unfinished, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        if (!lock.tryLock(limit.toNanos(), TimeUnit.NANOSECONDS)) {
            blocked();
            return;
        }
        try {
            if (printed) {
                return;
            }
            printed = true;
            Thread printer = new Thread(() -> print(done, true, unfinished), "lifecycle-interrupted-output");
            printer.setDaemon(true);
            printer.start();
            printer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (printer.isAlive()) {
                blocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void print(List<StopReport> reports, boolean interrupted, List<String> unfinished) {
        if (style == OutputStyle.JSON) {
            JsonReports.write(ctx.out(), reports, interrupted, unfinished);
            return;
        }
        ctx.out().println();
        SummaryTable.print(ctx.out(), reports);
        if (interrupted) {
            ctx.out().println("Interrupted: the waits were ended and nothing more was forced; a process that got"
                    + " the interrupt may still be shutting down.");
            if (!unfinished.isEmpty()) {
                ctx.out().println("No report yet for: " + String.join(", ", unfinished));
            }
        }
        ctx.out().flush();
    }

    private void blocked() {
        ctx.err().println("lifecycle stop: interrupted; the reports could not be printed: standard output is blocked");
        ctx.err().flush();
    }
}
