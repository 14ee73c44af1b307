// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real JVM process running one of the test stand-ins ({@link StandInQemu},
 * {@link StandInSocketHolder}) from this class path; shared with other modules through
 * core's test jar. {@link #start} returns once the stand-in printed {@code ready} (an event,
 * not a sleep); its stderr goes to a file for the test's failure messages.
 */
public final class JavaStandIn implements AutoCloseable {

    private final Process process;

    private JavaStandIn(Process process) {
        this.process = process;
    }

    /**
     * @param main the stand-in's class, with a {@code main} that prints {@code ready}
     * @param stderr where its stderr goes
     * @param args its arguments
     * @return the running stand-in
     * @throws IOException if it cannot start or does not become ready
     */
    public static JavaStandIn start(Class<?> main, Path stderr, String... args) throws IOException {
        return start(List.of(), main, stderr, args);
    }

    /**
     * Like {@link #start}, with SIGINT and SIGTERM ignored from the start: a JVM keeps a
     * signal ignored that was ignored when it started, so only a kill ends it.
     *
     * @param main the stand-in's class
     * @param stderr where its stderr goes
     * @param args its arguments
     * @return the running stand-in
     * @throws IOException if it cannot start or does not become ready
     */
    public static JavaStandIn startIgnoringInterrupts(Class<?> main, Path stderr, String... args) throws IOException {
        return start(List.of("sh", "-c", "trap '' INT TERM; exec \"$0\" \"$@\""), main, stderr, args);
    }

    private static JavaStandIn start(List<String> prefix, Class<?> main, Path stderr, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IOException(main.getSimpleName() + " did not become ready, printed: " + line);
        }
        return new JavaStandIn(p);
    }

    /** @return the PID */
    public long pid() {
        return process.pid();
    }

    /** @return whether it still runs, a zombie counting as exited */
    public boolean isRunning() {
        return dev.lifecycle.core.testing.TestProcesses.isRunning(process.pid());
    }

    /**
     * @param seconds how long to wait
     * @return whether it exited in that time
     * @throws InterruptedException if interrupted
     */
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
