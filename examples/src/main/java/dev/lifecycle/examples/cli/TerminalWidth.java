// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.HostOs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal stdout is on, asked of the terminal itself — {@code stty size}
 * on the controlling terminal ({@code /dev/tty}), which is what a shell's {@code $COLUMNS}
 * comes from, but also right when the shell does not export it (most do not) — then
 * {@code $COLUMNS}, then 80, the width terminals open with. No library: the JDK has no call
 * for it, and a console library for one number is not worth its weight.
 */
final class TerminalWidth {

    /** Narrower answers are taken for garbage. */
    static final int MIN = 20;
    /** When nothing tells. */
    static final int DEFAULT = 80;

    private static final long STTY_TIMEOUT_MS = 2_000;

    private TerminalWidth() {
    }

    /**
     * @param env the environment, for {@code COLUMNS}
     * @return the columns of the terminal
     */
    static int detect(Map<String, String> env) {
        OptionalInt fromTerminal = HostOs.current() == HostOs.WINDOWS ? OptionalInt.empty() : stty(new File("/dev/tty"));
        if (fromTerminal.isPresent()) {
            return fromTerminal.getAsInt();
        }
        return parse(env.getOrDefault("COLUMNS", "")).orElse(DEFAULT);
    }

    /**
     * Runs {@code stty size} with the terminal as its stdin, bounded: a terminal that does
     * not answer must not hold up the command.
     *
     * @param tty the controlling terminal
     * @return its columns, if it told
     */
    static OptionalInt stty(File tty) {
        if (!tty.canRead()) {
            return OptionalInt.empty();
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(tty))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(STTY_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return OptionalInt.empty();
            }
            // "rows columns", a dozen bytes: it fitted in the pipe while the process ran.
            String out = new String(p.getInputStream().readNBytes(64), StandardCharsets.US_ASCII).strip();
            String[] rowsAndColumns = out.split("\\s+");
            return p.exitValue() == 0 && rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /**
     * @param text a number of columns
     * @return it, if it is one and at least {@link #MIN}
     */
    static OptionalInt parse(String text) {
        try {
            int columns = Integer.parseInt(text.strip());
            return columns >= MIN ? OptionalInt.of(columns) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
