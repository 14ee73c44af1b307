package dev.lifecycle.core.lima;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real processes that stand in for a host agent or a driver: {@code sleep 30}. Close it
 * in {@code @AfterEach}; every process started is destroyed and reaped.
 */
public final class SleepingProcesses implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** @return a running process */
    public Process start() throws IOException {
        Process p = new ProcessBuilder("sleep", "30").redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    /** @return the PID of a process that has exited and been reaped */
    public long deadPid() throws IOException, InterruptedException {
        Process p = start();
        long pid = p.pid();
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sleep PID " + pid + " did not die after SIGKILL");
        }
        return pid;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        for (Process p : started) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        started.clear();
    }
}
