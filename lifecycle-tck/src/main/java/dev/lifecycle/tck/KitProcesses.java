// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the real processes of one contract test and ends every one of them afterwards,
 * whatever the provider under test did or failed to do.
 */
final class KitProcesses implements AutoCloseable {

    private final List<StartedProcess> started = new ArrayList<>();
    private final List<Process> parents = new ArrayList<>();
    private final List<ProcessHandle> nonChildren = new ArrayList<>();

    /**
     * Starts a test process and waits until it printed {@code ready}, which it does once
     * its interrupt handling is installed: that line is the event, there is no sleep.
     */
    synchronized StartedProcess start(List<String> command, Path interruptMarker) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StartedProcess p = new StartedProcess(process, process.info().startInstant(), interruptMarker);
        started.add(p);
        String line = firstLine(process);
        if (!"ready".equals(line)) {
            throw new IllegalStateException("Conformance kit: test process PID " + process.pid() + " " + command
                    + " printed " + (line == null ? "nothing" : "'" + line + "'")
                    + " instead of 'ready'; fix testProcessCommand(...) of the suite");
        }
        return p;
    }

    /**
     * Starts {@code sh}, which forks a child and then becomes {@code sleep}: a parent that
     * never reaps. When the test closes the parent's standard input, the child exits and
     * stays a zombie until the parent dies. Unix only.
     *
     * @return the parent, and the child's PID as the parent printed it
     */
    synchronized Orphanable startZombieToBe() throws IOException {
        // fd 3 keeps the pipe for the background child: a non-interactive shell gives
        // background jobs /dev/null as standard input. sleep keeps no end of the output pipe,
        // so the child holds its last writer: end of file there is the event of its exit.
        String script = "exec 3<&0; (read line <&3; exit 0) & echo $!; exec sleep 3600 >/dev/null 2>&1";
        Process parent = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        parents.add(parent);
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        long pid;
        try {
            pid = Long.parseLong(line == null ? "" : line.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Conformance kit: the zombie script printed "
                    + (line == null ? "nothing" : "'" + line + "'") + " instead of its child's PID", e);
        }
        Optional<Instant> start = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
        awaitExecOfSleep(parent);
        return new Orphanable(parent, pid, start, out);
    }

    /**
     * Waits until the script has exec'd {@code sleep}: until then the shell itself may reap
     * its child when the child exits, and no zombie would remain. No event announces an
     * {@code execve} in another process, so this polls, bounded.
     */
    private static void awaitExecOfSleep(Process parent) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!parent.info().command().map(c -> c.endsWith("sleep")).orElse(false)) {
            if (System.nanoTime() > deadline || !parent.isAlive()) {
                throw new IllegalStateException("Conformance kit: the zombie script (PID " + parent.pid()
                        + ") did not exec sleep within 10 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Starts processes that are not children of the test JVM, as a real host agent is
     * not: {@code sh} forks them and waits on its standard input, which they share. The
     * JDK watches a process that is not its child by polling it from a thread of its own,
     * which is what the exit-watching test must be able to tell apart. Unix only.
     *
     * @param count how many
     * @return the processes, released all at once by {@link NonChildren#release()}
     */
    synchronized NonChildren startNonChildren(int count) throws IOException {
        String script = "exec 3<&0; i=0; while [ $i -lt " + count + " ]; do (read line <&3; exit 0) & echo $!;"
                + " i=$((i+1)); done; read line; exit 0";
        Process parent = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        parents.add(parent);
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        List<ProcessHandle> handles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = out.readLine();
            long pid;
            try {
                pid = Long.parseLong(line == null ? "" : line.strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Conformance kit: the script that starts " + count
                        + " processes printed " + (line == null ? "nothing" : "'" + line + "'") + " instead of a PID", e);
            }
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "Conformance kit: PID " + pid + " exited before the test could look at it"));
            handles.add(handle);
            nonChildren.add(handle);
        }
        return new NonChildren(parent, handles);
    }

    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        return out.readLine();
    }

    @Override
    public synchronized void close() {
        started.forEach(StartedProcess::destroy);
        started.clear();
        // A handle taken while the process ran refuses to signal a later process with its PID.
        nonChildren.forEach(ProcessHandle::destroyForcibly);
        nonChildren.clear();
        for (Process parent : parents) {
            // Killing the parent hands its zombie to init (or the subreaper), which reaps it.
            parent.destroyForcibly();
        }
        parents.clear();
    }

    /**
     * Processes whose parent is a shell, not the test JVM.
     *
     * @param parent the shell that started them
     * @param handles the processes, taken while they ran
     */
    record NonChildren(Process parent, List<ProcessHandle> handles) {
        /** Closes their shared standard input: every one of them exits. */
        void release() {
            try {
                parent.getOutputStream().close();
            } catch (IOException e) {
                // The parent is gone, and so is the pipe: they have read end of file already.
            }
        }
    }

    /**
     * A child of a parent that will not reap it.
     *
     * @param parent the non-reaping parent
     * @param pid the child's PID
     * @param startInstant the child's start, if the JDK can read it
     * @param output the output pipe, of which the child holds the last writer
     */
    record Orphanable(Process parent, long pid, Optional<Instant> startInstant, BufferedReader output) {
        /** Lets the child exit: it reads end of file and becomes a zombie. */
        void letChildExit() {
            try {
                parent.getOutputStream().close();
            } catch (IOException e) {
                // The parent is gone, and so is the pipe: the child has read end of file already.
            }
        }

        /**
         * Waits, bounded, for end of file on the output pipe: the child has exited and its
         * descriptors are closed, so it is a zombie now. The harness's own view, before the
         * provider's is asked for.
         *
         * @param timeout the longest wait
         * @return true once the child has exited, false if it did not within the timeout
         */
        boolean awaitChildExit(Duration timeout) throws InterruptedException {
            // A blocking read has no timeout of its own: it runs on a thread of its own.
            CompletableFuture<Void> endOfFile = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    while (output.read() != -1) {
                        // The child prints nothing more; anything else is not the event.
                    }
                    endOfFile.complete(null);
                } catch (IOException e) {
                    endOfFile.completeExceptionally(e);
                }
            }, "conformance-kit-zombie-output-" + pid);
            reader.setDaemon(true);
            reader.start();
            try {
                endOfFile.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("Conformance kit: the output of the zombie script (PID "
                        + parent.pid() + ") could not be read: " + e.getCause(), e.getCause());
            }
        }
    }
}
