package dev.lifecycle.wsl2.stop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code sh} process standing in for Lima's host agent. The script prints
 * {@code ready} once its trap is set, and {@link #start} blocks on that line, so a signal
 * sent after {@code start} returns always meets the trap (an event, not a sleep).
 *
 * <p>Both INT and TERM are trapped: the JDK provider's interrupt is SIGTERM, and Lima's
 * agent treats the two alike.
 */
final class AgentProcess implements AutoCloseable {

    private final Process process;

    private AgentProcess(Process process) {
        this.process = process;
    }

    /**
     * An agent that exits 0 on INT or TERM, writing {@code marker} first.
     *
     * @param marker the file written when the interrupt arrives
     * @return the running agent
     */
    static AgentProcess exitingOnInterrupt(Path marker) throws IOException {
        return start("trap 'echo interrupted > \"" + marker + "\"; exit 0' INT TERM; echo ready; "
                + "while :; do sleep 0.05; done");
    }

    /** @return a running agent that ignores INT and TERM, so only SIGKILL ends it */
    static AgentProcess ignoringInterrupt() throws IOException {
        return start("trap '' INT TERM; echo ready; while :; do sleep 0.05; done");
    }

    private static AgentProcess start(String script) throws IOException {
        Process p = new ProcessBuilder(List.of("sh", "-c", script))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IOException("agent script (PID " + p.pid() + ") did not print ready, printed: " + line);
        }
        return new AgentProcess(p);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * @param seconds the bound
     * @return whether the agent exited within it
     */
    boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Kills the agent and waits for it: also how a test makes a stale {@code ha.pid}. */
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
