// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import com.sun.jna.platform.mac.SystemB;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.MacLibSystem;
import dev.lifecycle.unix.jna.MacNative;
import java.time.Instant;

/**
 * macOS: a process's start time and status from {@code proc_pidinfo(PROC_PIDTBSDINFO)}
 * ({@code pbi_start_tvsec}, {@code pbi_start_tvusec}, {@code pbi_status}); a zombie
 * ({@code SZOMB}) has exited. Start times are exact to the microsecond.
 */
final class MacProcessInspector implements ProcessInspector {

    private final MacNative mac;

    MacProcessInspector(MacNative mac) {
        this.mac = mac;
    }

    @Override
    public ProcessStatus inspect(long pid) {
        SystemB.ProcBsdInfo info;
        try {
            info = mac.procBsdInfo(pid);
        } catch (ErrnoException e) {
            if (e.kind() == ErrnoException.Kind.NO_SUCH_PROCESS) {
                return new ProcessStatus.Exited("PID " + pid + " is not running (" + e.getMessage() + ")");
            }
            return new ProcessStatus.Inaccessible("PID " + pid + ": cannot inspect it: " + e.getMessage());
        }
        return classify(pid, info.pbi_status, info.pbi_start_tvsec, info.pbi_start_tvusec);
    }

    /**
     * @param pid the PID
     * @param status {@code pbi_status}
     * @param startSeconds {@code pbi_start_tvsec}
     * @param startMicros {@code pbi_start_tvusec}
     * @return the status; the start key is microseconds since the epoch
     */
    static ProcessStatus classify(long pid, int status, long startSeconds, long startMicros) {
        if (status == MacLibSystem.SZOMB) {
            return new ProcessStatus.Exited("PID " + pid
                    + " has exited (status SZOMB: a zombie not yet reaped by its parent)");
        }
        return new ProcessStatus.Running(startSeconds * 1_000_000L + startMicros,
                Instant.ofEpochSecond(startSeconds, startMicros * 1_000L));
    }
}
