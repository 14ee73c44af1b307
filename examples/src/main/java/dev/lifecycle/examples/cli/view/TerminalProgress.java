// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.Steps;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live progress for a person at a terminal: one line per instance, rewritten in place
 * (ANSI cursor-up and erase-line) as its events arrive. Lines are cut to the terminal
 * width, because a wrapped line would throw the cursor arithmetic off. While an instance
 * waits out its grace period after the interrupt — up to 3 min 10 s by default — its line
 * counts down, once a second, to the forced stop (or, graceful only, to giving up).
 */
public final class TerminalProgress implements StopListener, AutoCloseable {

    private static final String ESC = "\u001b[";
    /** Narrower terminals get their lines cut all the same. */
    private static final int MIN_WIDTH = 10;

    private final PrintWriter out;
    private final int width;
    private final int nameWidth;
    private final Duration grace;
    private final boolean forcedAfterGrace;
    private final Clock clock;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Instant> started = new HashMap<>();
    /** Instances waiting out the grace period, and when it ends for each. */
    private final Map<String, Instant> graceEnds = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private ScheduledExecutorService ticker;
    private boolean drawn;

    /**
     * @param out the terminal
     * @param names the instances, in display order
     * @param width the terminal's columns
     * @param grace the grace period of the stop, counted down from each instance's interrupt
     * @param forcedAfterGrace whether the forced stop follows the grace period (false: graceful only)
     */
    public TerminalProgress(PrintWriter out, List<String> names, int width, Duration grace, boolean forcedAfterGrace) {
        this(out, names, width, grace, forcedAfterGrace, Clock.systemUTC());
    }

    TerminalProgress(PrintWriter out, List<String> names, int width, Duration grace, boolean forcedAfterGrace,
                     Clock clock) {
        this.out = out;
        this.width = Math.max(MIN_WIDTH, width);
        this.nameWidth = names.stream().mapToInt(String::length).max().orElse(8);
        this.grace = grace;
        this.forcedAfterGrace = forcedAfterGrace;
        this.clock = clock;
        names.forEach(n -> lines.put(n, "waiting"));
    }

    /** Draws the first frame and starts the countdown's clock. */
    public synchronized void start() {
        redraw();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lifecycle-cli-countdown");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void onEvent(StopEvent event) {
        String instance = event.instance();
        if (!lines.containsKey(instance)) {
            return;
        }
        switch (event.type()) {
            case STOP_STARTED -> started.put(instance, event.at());
            case SIGNAL_SENT -> graceEnds.putIfAbsent(instance, event.at().plus(grace));
            case PROCESS_EXITED -> {
                // one process gone; the wait goes on for the others
            }
            default -> {
                if (!event.step().equals(Steps.INTERRUPT_HOST_AGENT)) {
                    graceEnds.remove(instance); // the wait is over, one way or the other
                }
            }
        }
        String line;
        if (event.type() == StopEvent.Type.STOP_FINISHED) {
            Instant start = started.get(instance);
            line = "done  " + event.message()
                    + (start == null ? "" : " in " + SummaryTable.time(Duration.between(start, event.at())));
            finished.add(instance);
        } else {
            line = "...   " + event.step() + ": " + EventLines.withPid(event);
        }
        lines.put(instance, line);
        redraw();
        if (finished.size() == lines.size()) {
            close();
        }
    }

    /** Redraws the lines that count down; called once a second. */
    synchronized void tick() {
        if (!graceEnds.isEmpty()) {
            redraw();
        }
    }

    /** Stops the countdown's clock; the lines stay as they are. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void redraw() {
        Instant now = clock.instant();
        StringBuilder frame = new StringBuilder();
        if (drawn) {
            frame.append(ESC).append(lines.size()).append('A');
        }
        for (Map.Entry<String, String> e : lines.entrySet()) {
            Instant end = graceEnds.get(e.getKey());
            String text = end == null ? e.getValue() : countdown(Duration.between(now, end));
            String line = String.format("%-" + nameWidth + "s  %s", e.getKey(), text);
            if (line.length() > width - 1) {
                line = line.substring(0, width - 2) + "~";
            }
            frame.append('\r').append(ESC).append("2K").append(line).append('\n');
        }
        out.print(frame);
        out.flush();
        drawn = true;
    }

    private String countdown(Duration left) {
        return "...   waiting for shutdown, " + (forcedAfterGrace ? "forced in " : "giving up in ") + clockTime(left);
    }

    /**
     * @param d time left
     * @return {@code m:ss}, or {@code h:mm:ss} from an hour, rounded up so that it reaches 0:00 when time is up
     */
    static String clockTime(Duration d) {
        long seconds = d.isNegative() ? 0 : d.plusNanos(999_999_999).getSeconds();
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
