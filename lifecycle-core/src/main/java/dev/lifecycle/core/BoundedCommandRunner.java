// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ProcStat;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CommandRunner} of Lifecycle: runs an external command (such as {@code wsl.exe})
 * with a hard time limit, so that a wedged tool can never hang a stop.
 *
 * <ul>
 *   <li>The extra environment is merged into the inherited one.</li>
 *   <li>stdin reads from the null device, so a command that reads gets end-of-file at once.</li>
 *   <li>stdout and stderr are drained concurrently by two threads of this command, so a
 *       chatty process never blocks on a full pipe; the first {@value #OUTPUT_LIMIT_BYTES}
 *       bytes of each are kept and the rest is read and discarded.</li>
 *   <li>On expiry the process and all its descendants are killed, and the result is
 *       {@link CommandResult.Status#TIMED_OUT}. The wait for the kills and for the output
 *       is itself bounded, so a descendant that escaped still cannot hang the caller.</li>
 *   <li>A program that cannot be started gives {@link CommandResult.Status#FAILED_TO_START}
 *       with the operating system's reason.</li>
 * </ul>
 *
 * <p>If the calling thread is interrupted while it waits, the process tree is killed as on
 * expiry, the result is {@link CommandResult.Status#TIMED_OUT} and the thread's interrupt
 * flag is set again. Thread-safe and stateless: one instance may serve any number of
 * concurrent commands.
 */
public final class BoundedCommandRunner implements CommandRunner {

    /** The most bytes kept of each of stdout and stderr (1 MiB); the rest is read and discarded. */
    public static final int OUTPUT_LIMIT_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedCommandRunner.class);

    /** How long to wait for killed processes to disappear: SIGKILL and TerminateProcess act within milliseconds. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    /**
     * How long to wait for the output after the process ended. The pipes close when the last
     * holder exits; a background child that outlives the command keeps them open, and the
     * caller must not wait for it.
     */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    /** Interval for watching killed descendants, which are not our children and give no exit event. */
    private static final long LIVENESS_POLL_MILLIS = 10;

    private static final File NULL_DEVICE = new File(HostOs.current() == HostOs.WINDOWS ? "NUL" : "/dev/null");
    private static final byte[] NO_OUTPUT = new byte[0];

    private final int outputLimit;

    /** Creates a runner that keeps up to {@value #OUTPUT_LIMIT_BYTES} bytes of each output stream. */
    public BoundedCommandRunner() {
        this(OUTPUT_LIMIT_BYTES);
    }

    /** For tests: a smaller output cap. */
    BoundedCommandRunner(int outputLimit) {
        if (outputLimit < 0) {
            throw new IllegalArgumentException("output limit must not be negative, was " + outputLimit);
        }
        this.outputLimit = outputLimit;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if an argument, an argument of the command or an
     *     environment name or value is null
     * @throws IllegalArgumentException if the command is empty
     */
    @Override
    public CommandResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        List<String> cmd = List.copyOf(command);
        Map<String, String> env = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("the command is empty: it needs at least the program");
        }
        long started = System.nanoTime();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(NULL_DEVICE));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: ProcessBuilder rejects some names and characters with
            // IllegalArgumentException, and "never throws for a failure of the command" holds.
            Duration elapsed = since(started);
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.debug("Command {} failed to start after {} ms: {}", cmd, elapsed.toMillis(), why);
            return new CommandResult(cmd, CommandResult.Status.FAILED_TO_START, -1, NO_OUTPUT, NO_OUTPUT, elapsed, why);
        }
        return await(cmd, process, timeout, started);
    }

    private CommandResult await(List<String> cmd, Process process, Duration timeout, long started) {
        long pid = process.pid();
        LOG.debug("Command {} started as PID {} (timeout {} ms)", cmd, pid, timeout.toMillis());
        OutputDrain stdout = OutputDrain.start(process.getInputStream(), outputLimit, pid, "stdout");
        OutputDrain stderr = OutputDrain.start(process.getErrorStream(), outputLimit, pid, "stderr");
        boolean interrupted = false;
        boolean exited;
        try {
            exited = process.waitFor(saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            exited = false;
        }
        if (!exited) {
            interrupted |= killTree(cmd, process);
        }
        long drainDeadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        interrupted |= !stdout.await(drainDeadline) | !stderr.await(drainDeadline);
        if (stdout.isRunning() || stderr.isRunning()) {
            LOG.debug("Command {} (PID {}): output still open {} ms after it ended (a process that outlived it"
                    + " holds the pipe); returning what was read", cmd, pid, DRAIN_WAIT.toMillis());
        }
        Duration elapsed = since(started);
        stdout.logTruncation(cmd, pid);
        stderr.logTruncation(cmd, pid);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (exited) {
            int exitCode = process.exitValue();
            LOG.debug("Command {} (PID {}) exited with code {} in {} ms", cmd, pid, exitCode, elapsed.toMillis());
            return new CommandResult(cmd, CommandResult.Status.COMPLETED, exitCode, stdout.bytes(), stderr.bytes(),
                    elapsed, "");
        }
        LOG.debug("Command {} (PID {}) timed out after {} ms and was killed with its descendants ({} ms in all)",
                cmd, pid, timeout.toMillis(), elapsed.toMillis());
        return new CommandResult(cmd, CommandResult.Status.TIMED_OUT, -1, stdout.bytes(), stderr.bytes(),
                elapsed, "");
    }

    /**
     * Kills the process and every descendant, then waits briefly for them to go.
     *
     * @return true if the calling thread was interrupted meanwhile
     */
    private static boolean killTree(List<String> cmd, Process process) {
        ProcessHandle root = process.toHandle();
        // Snapshot first: once a process dies its children are re-parented and can no longer
        // be found from the root.
        List<ProcessHandle> snapshot = root.descendants().collect(Collectors.toList());
        List<ProcessHandle> killed = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        // Top-down, reading each process's children just before killing it: a killed process
        // cannot fork again, so only that instant is left for a new child to slip through.
        Deque<ProcessHandle> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            ProcessHandle next = pending.poll();
            if (seen.add(next.pid())) {
                List<ProcessHandle> children = next.children().collect(Collectors.toList());
                next.destroyForcibly();
                killed.add(next);
                pending.addAll(children);
            }
        }
        for (ProcessHandle h : snapshot) {
            if (seen.add(h.pid())) {
                // ProcessHandle checks the start time, so a reused PID is not killed.
                h.destroyForcibly();
                killed.add(h);
            }
        }
        LOG.debug("Command {} (PID {}): killed {} process(es) of its tree: {}", cmd, root.pid(), killed.size(),
                killed.stream().map(ProcessHandle::pid).collect(Collectors.toList()));
        return awaitGone(cmd, process, killed);
    }

    /** @return true if the calling thread was interrupted meanwhile */
    private static boolean awaitGone(List<String> cmd, Process process, List<ProcessHandle> killed) {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        try {
            // The root is our child: the JDK's reaper tells us the moment it exits.
            process.waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            List<ProcessHandle> left = stillRunning(killed);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(LIVENESS_POLL_MILLIS);
                left = stillRunning(killed);
            }
            if (!left.isEmpty()) {
                LOG.warn("Command {} (PID {}): PIDs {} still running {} ms after being killed", cmd, process.pid(),
                        left.stream().map(ProcessHandle::pid).collect(Collectors.toList()), KILL_WAIT.toMillis());
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static List<ProcessHandle> stillRunning(List<ProcessHandle> handles) {
        return handles.stream().filter(BoundedCommandRunner::isRunning).collect(Collectors.toList());
    }

    /**
     * Whether a process still runs. A killed descendant is re-parented and may stay a zombie
     * until its new parent reaps it; {@link ProcessHandle#isAlive()} counts a zombie as alive,
     * so where procfs tells more ({@link ProcStat#hasExited(long)}), it decides.
     */
    private static boolean isRunning(ProcessHandle handle) {
        return handle.isAlive() && !ProcStat.hasExited(handle.pid());
    }

    private static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Reads one output stream to its end on its own thread, keeping the first bytes up to a limit. */
    private static final class OutputDrain implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final String name;
        private Thread thread;
        private long total;

        private OutputDrain(InputStream in, int limit, String name) {
            this.in = in;
            this.limit = limit;
            this.name = name;
        }

        static OutputDrain start(InputStream in, int limit, long pid, String name) {
            OutputDrain drain = new OutputDrain(in, limit, name);
            Thread t = new Thread(drain, "lifecycle-command-" + pid + "-" + name);
            // Daemon: a drain blocked by a process that escaped must not keep the JVM alive.
            t.setDaemon(true);
            drain.thread = t;
            t.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (InputStream s = in) {
                int n;
                while ((n = s.read(buffer)) != -1) {
                    synchronized (this) {
                        int room = limit - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(n, room));
                        }
                        total += n;
                    }
                }
            } catch (IOException e) {
                // The JDK closes the stream once the process is reaped; nothing more to read.
                LOG.trace("Output drain {} ended: {}", name, e.toString());
            }
        }

        /** @return false if the calling thread was interrupted */
        boolean await(long deadlineNanos) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }

        boolean isRunning() {
            return thread.isAlive();
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        synchronized void logTruncation(List<String> cmd, long pid) {
            if (total > kept.size()) {
                LOG.debug("Command {} (PID {}): kept the first {} of {} bytes of {}", cmd, pid, kept.size(), total,
                        name);
            }
        }
    }
}
