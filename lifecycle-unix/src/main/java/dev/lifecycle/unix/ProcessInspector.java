// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

/** Reads a process's start time and liveness from the OS, without pinning it. Thread-safe. */
interface ProcessInspector {

    /**
     * @param pid the PID
     * @return what the OS reports now; never throws
     */
    ProcessStatus inspect(long pid);

    /**
     * The re-check before a {@code kill(2)} and the liveness test without a pin: is the
     * process with this start key still there?
     *
     * @param pid the PID
     * @param startKey the start key seen when identity was proven
     * @return the status, with a {@link ProcessStatus.Running} of another start key turned
     *     into {@link ProcessStatus.Exited} (the PID now names a later process)
     */
    default ProcessStatus recheck(long pid, long startKey) {
        ProcessStatus now = inspect(pid);
        if (now instanceof ProcessStatus.Running running && running.startKey() != startKey) {
            return new ProcessStatus.Exited("PID " + pid + " now names a process that started at "
                    + running.start() + ": the original process has exited and the PID was reused");
        }
        return now;
    }
}
