// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.HostOs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields Lifecycle reads from a Linux process's {@code /proc/<pid>/stat} (see proc(5)),
 * parsed in this one place for every module: the Linux provider reads identity from it, and
 * whoever must count a zombie as exited — the contract requires it, and
 * {@link ProcessHandle#isAlive()} counts a zombie as alive — asks {@link #hasExited(long)}.
 *
 * @param pid field 1
 * @param comm field 2, the command name without its parentheses; any bytes, read as Latin-1
 * @param state field 3, one of {@code R S D Z T t X ...}
 * @param startTicks field 22, the start time in clock ticks since boot
 */
public record ProcStat(long pid, String comm, char state, long startTicks) {

    /** Where procfs is normally mounted. */
    public static final Path PROC = Path.of("/proc");

    /** Index of starttime (field 22) among the fields after comm (field 3 is index 0). */
    private static final int START_TIME_INDEX = 22 - 3;

    /** Validates that nothing is null. */
    public ProcStat {
        Objects.requireNonNull(comm, "comm");
    }

    /** @return true for a zombie ({@code Z}) or a dead task ({@code X}): the process has exited */
    public boolean exited() {
        return state == 'Z' || state == 'X';
    }

    /**
     * Whether procfs shows that a process has exited: it has no entry for the PID, or the
     * entry is a zombie or a dead task. False while the process runs, and whenever it cannot
     * be told — not on Linux, a file that cannot be read or is not a stat line — because
     * none of those proves an exit.
     *
     * @param pid the PID
     * @return true only when {@code /proc} proves the process has exited
     */
    public static boolean hasExited(long pid) {
        return HostOs.current() == HostOs.LINUX && hasExited(PROC, pid);
    }

    /**
     * As {@link #hasExited(long)}, for a procfs mounted at {@code procRoot}, on any OS.
     *
     * @param procRoot the procfs mount
     * @param pid the PID
     * @return true if there is no entry for the PID, or it is a zombie or dead task
     */
    public static boolean hasExited(Path procRoot, long pid) {
        try {
            return read(procRoot, pid).map(ProcStat::exited).orElse(true);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads and parses {@code <procRoot>/<pid>/stat}.
     *
     * @param procRoot the procfs mount, normally {@link #PROC}
     * @param pid the PID
     * @return the fields, or empty if there is no such file (no such process, or hidden)
     * @throws IOException if the file exists but cannot be read (then also for a process
     *     that exits while being read: the kernel answers {@code ESRCH})
     * @throws IllegalArgumentException if the content is not a stat line
     */
    public static Optional<ProcStat> read(Path procRoot, long pid) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(procRoot.resolve(Long.toString(pid)).resolve("stat"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        // comm is raw bytes of any value: Latin-1 maps each to one char and never fails.
        return Optional.of(parse(new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    /**
     * Parses the content of a stat file. comm may contain spaces and parentheses, so the
     * fields after it are found after the LAST {@code ')'}.
     *
     * @param content the file content
     * @return the fields
     * @throws IllegalArgumentException if the content is not a stat line
     */
    public static ProcStat parse(String content) {
        int open = content.indexOf('(');
        int close = content.lastIndexOf(')');
        if (open <= 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no (comm) in '" + abbreviate(content) + "'");
        }
        long pid;
        try {
            pid = Long.parseLong(content.substring(0, open).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: bad pid in '" + abbreviate(content) + "'", e);
        }
        String comm = content.substring(open + 1, close);
        List<String> rest = fields(content, close + 1, START_TIME_INDEX + 1);
        if (rest.size() <= START_TIME_INDEX || rest.get(0).length() != 1) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: too few fields after comm in '"
                    + abbreviate(content) + "'");
        }
        long startTicks;
        try {
            startTicks = Long.parseLong(rest.get(START_TIME_INDEX));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: bad starttime '" + rest.get(START_TIME_INDEX)
                    + "'", e);
        }
        return new ProcStat(pid, comm, rest.get(0).charAt(0), startTicks);
    }

    /**
     * The first {@code count} whitespace-separated fields from {@code from} on: a plain scan,
     * as this runs for every identity check and every poll of an exit.
     */
    private static List<String> fields(String s, int from, int count) {
        List<String> fields = new ArrayList<>(count);
        int i = from;
        int n = s.length();
        while (fields.size() < count) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            fields.add(s.substring(start, i));
        }
        return fields;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s.strip() : s.substring(0, 120) + "...";
    }
}
