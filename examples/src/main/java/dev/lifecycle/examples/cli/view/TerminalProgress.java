package dev.lifecycle.examples.cli.view;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live progress for a person at a terminal: one line per instance, rewritten in place
 * (ANSI cursor-up and erase-line) as its events arrive. Lines are cut to the terminal
 * width, because a wrapped line would throw the cursor arithmetic off.
 */
public final class TerminalProgress implements StopListener {

    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final int width;
    private final int nameWidth;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Instant> started = new HashMap<>();
    private boolean drawn;

    /**
     * @param out the terminal
     * @param names the instances, in display order
     * @param width the terminal's columns
     */
    public TerminalProgress(PrintWriter out, List<String> names, int width) {
        this.out = out;
        this.width = Math.max(40, width);
        this.nameWidth = names.stream().mapToInt(String::length).max().orElse(8);
        names.forEach(n -> lines.put(n, "waiting"));
    }

    /** Draws the first frame. */
    public synchronized void start() {
        redraw();
    }

    @Override
    public synchronized void onEvent(StopEvent event) {
        if (!lines.containsKey(event.instance())) {
            return;
        }
        if (event.type() == StopEvent.Type.STOP_STARTED) {
            started.put(event.instance(), event.at());
        }
        String line;
        if (event.type() == StopEvent.Type.STOP_FINISHED) {
            Instant start = started.get(event.instance());
            line = "done  " + event.message()
                    + (start == null ? "" : " in " + SummaryTable.time(Duration.between(start, event.at())));
        } else {
            line = "...   " + event.step() + ": " + EventLines.withPid(event);
        }
        lines.put(event.instance(), line);
        redraw();
    }

    private void redraw() {
        StringBuilder frame = new StringBuilder();
        if (drawn) {
            frame.append(ESC).append(lines.size()).append('A');
        }
        for (Map.Entry<String, String> e : lines.entrySet()) {
            String line = String.format("%-" + nameWidth + "s  %s", e.getKey(), e.getValue());
            if (line.length() > width - 1) {
                line = line.substring(0, width - 2) + "~";
            }
            frame.append('\r').append(ESC).append("2K").append(line).append('\n');
        }
        out.print(frame);
        out.flush();
        drawn = true;
    }
}
