package dev.lifecycle.windows.interrupt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a short-lived process with a hard time limit: stdin closed at once, stdout and
 * stderr merged and drained by a daemon thread (kept up to {@value #MAX_OUTPUT} bytes, the
 * rest read and dropped so that the process never blocks on a full pipe), and on expiry the
 * process and its descendants killed. Thread-safe; one daemon thread per run.
 */
public final class BoundedProcessRunner {

    /** Bytes of output kept for messages. */
    static final int MAX_OUTPUT = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedProcessRunner.class);
    /** How long we wait for a killed tree to go, or for a pipe a grandchild may still hold. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * @param command the program and its arguments
     * @param timeout the limit
     * @return how the process ended; never throws for a failure of the process
     */
    public HelperOutcome run(List<String> command, Duration timeout) {
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            return HelperOutcome.failedToStart("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Closing stdin of helper PID {} failed: {}", process.pid(), e.toString());
        }
        Drain drain = new Drain(process.getInputStream(), "lifecycle-windows-helper-output-" + process.pid());
        drain.start();
        boolean exited;
        try {
            exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            killTree(process);
            drain.awaitEnd(GRACE);
            LOG.warn("Helper process {} ({} ... {}) ran past its {} ms limit and was killed with its descendants",
                    process.pid(), command.get(0), command.get(command.size() - 1), timeout.toMillis());
            return HelperOutcome.timedOut(drain.text(), since(started));
        }
        drain.awaitEnd(GRACE);
        return HelperOutcome.exited(process.exitValue(), drain.text(), since(started));
    }

    private static void killTree(Process process) {
        // Snapshot first: once the parent is gone its children are harder to find.
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Reads a process's output to the end, keeping the first {@value #MAX_OUTPUT} bytes. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Drain(InputStream in, String name) {
            super(name);
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // The pipe broke because the process was killed: what we have is what there is.
            }
        }

        void awaitEnd(Duration limit) {
            try {
                join(Math.max(1, limit.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(Charset.defaultCharset()).strip();
            }
        }
    }
}
