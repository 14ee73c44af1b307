// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import dev.lifecycle.core.testing.TestProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code sh} process for tests, standing in for a host agent or driver; shared with
 * other modules through core's test jar. The script must print {@code ready} once its traps
 * are installed; {@link #start} blocks until it has (an event, not a sleep).
 */
public final class ScriptProcess implements AutoCloseable {

    /** Traps INT and TERM, writes {@code <name>.interrupted} into the marker dir, exits 0. */
    public static String graceful(Path markers, String name, String onInterrupt) {
        return "trap '" + onInterrupt + " echo x > \"" + markers.resolve(name + ".interrupted") + "\"; exit 0' INT TERM; "
                + "echo ready; while :; do sleep 0.02; done";
    }

    /** Ignores INT and TERM; only SIGKILL ends it. */
    public static String ignoring() {
        return "trap '' INT TERM; echo ready; while :; do sleep 0.02; done";
    }

    /**
     * The command line Lima starts a host agent with ({@code pkg/instance/start.go}).
     *
     * @param instanceDir the instance directory
     * @return {@code limactl hostagent --pidfile <dir>/ha.pid --socket <dir>/ha.sock <name>}
     */
    public static List<String> limaHostAgent(Path instanceDir) {
        return List.of("limactl", "hostagent", "--pidfile", instanceDir.resolve("ha.pid").toString(),
                "--socket", instanceDir.resolve("ha.sock").toString(), instanceDir.getFileName().toString());
    }

    /**
     * The part of QEMU's command line that names its instance ({@code pkg/driver/qemu}).
     *
     * @param instanceDir the instance directory
     * @return {@code qemu-system-x86_64 -pidfile <dir>/qemu.pid -qmp unix:<dir>/qmp.sock,server,nowait}
     */
    public static List<String> limaQemu(Path instanceDir) {
        return List.of("qemu-system-x86_64", "-pidfile", instanceDir.resolve("qemu.pid").toString(),
                "-qmp", "unix:" + instanceDir.resolve("qmp.sock") + ",server,nowait");
    }

    /**
     * The command line of an external driver server ({@code pkg/driver/external/server}).
     *
     * @param instanceDir the instance directory
     * @return {@code lima-driver-vz --inst-dir <dir>}
     */
    public static List<String> limaDriverServer(Path instanceDir) {
        return List.of("lima-driver-vz", "--inst-dir", instanceDir.toString());
    }

    private final Process process;

    private ScriptProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code sh -c script} and waits for its {@code ready} line.
     *
     * @param script the script, which must print {@code ready} once set up
     * @return the running process
     * @throws IOException if it cannot start or does not become ready
     */
    public static ScriptProcess start(String script) throws IOException {
        return start(script, List.of());
    }

    /**
     * Starts {@code sh -c script arguments...} and waits for its {@code ready} line. The
     * arguments are the script's positional parameters, unused by it: they give the process
     * the command line of what it stands in for (see {@link #limaHostAgent}).
     *
     * @param script the script, which must print {@code ready} once set up
     * @param arguments the rest of its command line
     * @return the running process
     * @throws IOException if it cannot start or does not become ready
     */
    public static ScriptProcess start(String script, List<String> arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", script));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IOException("script did not become ready, printed: " + line);
        }
        return new ScriptProcess(p);
    }

    /** @return the PID */
    public long pid() {
        return process.pid();
    }

    /** @return whether the JDK still sees the process (a zombie not yet reaped counts) */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether the process still runs, counting a zombie as exited — as the library does. The
     * JDK reaps its children asynchronously, so {@link Process#isAlive()} can still say true
     * for a process that has already exited and that the library rightly saw go.
     */
    public boolean isRunning() {
        return TestProcesses.isRunning(process.pid());
    }

    /** Waits for the exit (bounded) and tells whether it happened. */
    public boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
