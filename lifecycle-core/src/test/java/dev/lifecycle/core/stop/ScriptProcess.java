package dev.lifecycle.core.stop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code sh} process for tests. The script must print {@code ready} once its traps
 * are installed; {@link #start} blocks until it has (an event, not a sleep).
 */
final class ScriptProcess implements AutoCloseable {

    /** Traps INT and TERM, writes {@code <name>.interrupted} into the marker dir, exits 0. */
    static String graceful(Path markers, String name, String onInterrupt) {
        return "trap '" + onInterrupt + " echo x > \"" + markers.resolve(name + ".interrupted") + "\"; exit 0' INT TERM; "
                + "echo ready; while :; do sleep 0.02; done";
    }

    /** Ignores INT and TERM; only SIGKILL ends it. */
    static String ignoring() {
        return "trap '' INT TERM; echo ready; while :; do sleep 0.02; done";
    }

    private final Process process;

    private ScriptProcess(Process process) {
        this.process = process;
    }

    static ScriptProcess start(String script) throws IOException {
        Process p = new ProcessBuilder(List.of("sh", "-c", script))
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

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether the process still runs, counting a zombie as exited — as the library does. The
     * JDK reaps its children asynchronously, so {@link Process#isAlive()} can still say true
     * for a process that has already exited and that the library rightly saw go.
     */
    boolean isRunning() {
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        if (Files.isReadable(stat)) {
            try {
                String s = Files.readString(stat);
                char state = s.charAt(s.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false; // vanished while reading: reaped
            }
        }
        return process.isAlive();
    }

    /** Waits for the exit (bounded) and tells whether it happened. */
    boolean awaitExit(long seconds) throws InterruptedException {
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
