// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import java.io.PrintWriter;
import java.util.Collection;

/**
 * Live progress for a pipe or a file: one line per event, {@code instance  step  PID n: message}
 * (the PID when the event has one), in the order the events arrive. Safe to call from the
 * stopper's threads.
 */
public final class EventLines implements StopListener {

    private final PrintWriter out;
    private final int nameWidth;

    /**
     * @param out where to print
     * @param names the instance names, to align the columns
     */
    public EventLines(PrintWriter out, Collection<String> names) {
        this.out = out;
        this.nameWidth = names.stream().mapToInt(String::length).max().orElse(8);
    }

    @Override
    public void onEvent(StopEvent event) {
        String line = String.format("%-" + nameWidth + "s  %-20s  %s", event.instance(), event.step(), withPid(event));
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /**
     * @param event an event
     * @return its message, after {@code PID n: } when the event concerns one process
     */
    static String withPid(StopEvent event) {
        return event.pid().isPresent() ? "PID " + event.pid().getAsLong() + ": " + event.message() : event.message();
    }
}
