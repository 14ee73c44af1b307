// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's listener: passes each event to the live view and keeps each instance's report as
 * it arrives. The reports come through the listener, not only through the future of
 * {@code stopAll}, because after Ctrl+C the future is cancelled and the listener is where
 * what each stop did still arrives.
 */
final class ReportCollector implements StopListener {

    private final List<String> names;
    private final StopListener view;
    private final Map<String, StopReport> reports = new HashMap<>();

    /**
     * @param names the instances, in display order
     * @param view the live view, or {@link StopListener#NONE}
     */
    ReportCollector(List<String> names, StopListener view) {
        this.names = List.copyOf(names);
        this.view = view;
    }

    @Override
    public void onEvent(StopEvent event) {
        view.onEvent(event);
    }

    @Override
    public synchronized void onFinished(StopReport report) {
        reports.put(report.instance(), report);
        notifyAll();
    }

    /**
     * Waits until every instance's report arrived, so that the live view has shown every
     * event; the stops themselves are over by then, only the view may lag.
     */
    synchronized void awaitAll() throws InterruptedException {
        while (reports.size() < names.size()) {
            wait();
        }
    }

    /**
     * Waits at most {@code limit} for the reports still missing.
     *
     * @return the reports that arrived, in display order
     */
    synchronized List<StopReport> awaitUpTo(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long left;
        while (reports.size() < names.size() && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return received();
    }

    /** @return the reports that arrived so far, in display order */
    synchronized List<StopReport> received() {
        List<StopReport> inOrder = new ArrayList<>();
        for (String name : names) {
            StopReport r = reports.get(name);
            if (r != null) {
                inOrder.add(r);
            }
        }
        return inOrder;
    }

    /** @return the instances whose report has not arrived, in display order */
    synchronized List<String> missing() {
        return names.stream().filter(n -> !reports.containsKey(n)).toList();
    }
}
