// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.lima;

import dev.lifecycle.core.stop.ScriptProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real processes that stand in for a host agent or a driver: {@code sleep 30}, or a shell
 * that waits on its input and carries the command line Lima gives the process it stands
 * in for. Close it in {@code @AfterEach}; every process started is destroyed and reaped.
 */
public final class SleepingProcesses implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** @return a running process that names no instance */
    public Process start() throws IOException {
        return start(List.of("sleep", "30"));
    }

    /**
     * @param instanceDir the instance directory
     * @return a running process with a Lima host agent's command line for that instance
     */
    public Process agentOf(Path instanceDir) throws IOException {
        return waiting(ScriptProcess.limaHostAgent(instanceDir));
    }

    /**
     * @param instanceDir the instance directory
     * @return a running process with QEMU's command line for that instance
     */
    public Process qemuOf(Path instanceDir) throws IOException {
        return waiting(ScriptProcess.limaQemu(instanceDir));
    }

    /**
     * @param instanceDir the instance directory
     * @return a running process with krunkit's command line for that instance (it names its disk)
     */
    public Process krunkitOf(Path instanceDir) throws IOException {
        return waiting(List.of("krunkit", "--device", "virtio-blk,path=" + instanceDir.resolve("disk") + ",format=raw"));
    }

    /**
     * @param instanceDir the instance directory
     * @return a running process with a Lima ≥ 2.2 external driver server's command line for that instance
     */
    public Process driverServerOf(Path instanceDir) throws IOException {
        return waiting(ScriptProcess.limaDriverServer(instanceDir));
    }

    /**
     * @param driver the driver name, e.g. {@code krunkit}
     * @return a running process with a Lima 2.1.2–2.1.4 driver server's command line: the
     *     server's binary and no arguments, so it names no instance
     */
    public Process legacyDriverServer(String driver) throws IOException {
        return waiting(List.of("lima-driver-" + driver));
    }

    /** A shell that blocks reading its input (no child to leave behind) under the given command line. */
    private Process waiting(List<String> commandLine) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "read line"));
        command.addAll(commandLine);
        return start(command);
    }

    private Process start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
