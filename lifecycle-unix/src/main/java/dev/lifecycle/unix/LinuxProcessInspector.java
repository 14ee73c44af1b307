// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.ProcStat;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.LinuxNative;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Linux: a process's start time and state from {@code /proc/<pid>/stat}; a zombie ({@code Z})
 * or dead task ({@code X}) has exited. A missing stat file is told apart from a hidden one
 * ({@code hidepid}) with {@code kill(pid, 0)}, which sends nothing.
 */
final class LinuxProcessInspector implements ProcessInspector {

    private final Path procRoot;
    private final LinuxNative linux;
    private final LinuxBootClock clock;

    LinuxProcessInspector(Path procRoot, LinuxNative linux, LinuxBootClock clock) {
        this.procRoot = procRoot;
        this.linux = linux;
        this.clock = clock;
    }

    /** @return where procfs is mounted */
    Path procRoot() {
        return procRoot;
    }

    /** @return the tick-to-instant conversion in use */
    LinuxBootClock clock() {
        return clock;
    }

    /**
     * @param pid the PID
     * @return the raw stat, empty if the file is absent
     * @throws IOException if it exists but cannot be read
     */
    Optional<ProcStat> readStat(long pid) throws IOException {
        return ProcStat.read(procRoot, pid);
    }

    @Override
    public ProcessStatus inspect(long pid) {
        Optional<ProcStat> stat;
        try {
            stat = readStat(pid);
        } catch (IOException e) {
            if (!Files.exists(procRoot.resolve(Long.toString(pid)))) {
                return new ProcessStatus.Exited("PID " + pid + " exited while /proc/" + pid + "/stat was read");
            }
            return new ProcessStatus.Inaccessible("PID " + pid + ": cannot read /proc/" + pid + "/stat: " + e);
        } catch (IllegalArgumentException e) {
            return new ProcessStatus.Inaccessible("PID " + pid + ": " + e.getMessage());
        }
        if (stat.isEmpty()) {
            return absent(pid);
        }
        ProcStat s = stat.get();
        if (s.exited()) {
            return new ProcessStatus.Exited("PID " + pid + " has exited (state " + s.state() + " in /proc/" + pid
                    + "/stat: a zombie not yet reaped by its parent)");
        }
        return new ProcessStatus.Running(s.startTicks(), clock.startInstant(s.startTicks()));
    }

    /** No stat file: gone, or hidden by procfs's hidepid option. Signal 0 tells which. */
    private ProcessStatus absent(long pid) {
        try {
            linux.kill(pid, 0);
        } catch (ErrnoException e) {
            if (e.kind() == ErrnoException.Kind.NO_SUCH_PROCESS) {
                return new ProcessStatus.Exited("PID " + pid + " is not running (no /proc/" + pid + ")");
            }
            if (e.kind() != ErrnoException.Kind.NOT_PERMITTED) {
                return new ProcessStatus.Inaccessible("PID " + pid + ": no /proc/" + pid + " and " + e.getMessage());
            }
        }
        return new ProcessStatus.Inaccessible("PID " + pid + " exists but /proc/" + pid
                + " is hidden (procfs mounted with hidepid?): its start time cannot be read");
    }
}
