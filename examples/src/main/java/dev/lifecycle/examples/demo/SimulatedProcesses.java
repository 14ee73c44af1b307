// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import dev.lifecycle.api.HostOs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts {@link SimulatedAgent}s as real processes — this JVM's {@code java} running this
 * class path — and remembers every one, so that {@link #close()} can kill whatever is
 * still alive. Thread-safe.
 */
public final class SimulatedProcesses implements AutoCloseable {

    /** How long {@link #close()} waits for a killed process to disappear. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final List<String> launcher;
    private final List<Started> started = new ArrayList<>();

    /** A process this launcher started. */
    private record Started(String name, Process process) {
    }

    /**
     * @param mainArguments what follows {@code java -cp <class path>}: the main class and
     *     the subcommand that runs a {@link SimulatedAgent}, e.g.
     *     {@code [dev.lifecycle.examples.cli.LifecycleCli, simulate-agent]}
     */
    public SimulatedProcesses(List<String> mainArguments) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        // Small and quick to start; -UsePerfData because a killed JVM would leave its
        // hsperfdata file behind in the temp directory.
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx32m",
                "-XX:-UsePerfData", "-Xshare:auto"));
        if (windows()) {
            // Hands Ctrl+Break to the agent's handler instead of the JVM's thread dump.
            cmd.add("-Xrs");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainArguments);
        this.launcher = List.copyOf(cmd);
    }

    /**
     * Starts a simulated agent; its standard error is appended to {@code stderrLog}.
     *
     * @param name a label for messages, e.g. {@code alpine/ha}
     * @param agentArguments the {@code simulate-agent} options
     * @param stderrLog where its notes go
     * @return the process, not yet ready: see {@link #awaitReady}
     * @throws IOException if it cannot be started
     */
    public Process start(String name, List<String> agentArguments, Path stderrLog) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("--name", name));
        cmd.addAll(agentArguments);
        Process process = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
                .start();
        synchronized (started) {
            started.add(new Started(name, process));
        }
        return process;
    }

    /**
     * Waits until every process printed {@value SimulatedAgent#READY}, reading them in
     * parallel.
     *
     * @param processes the processes
     * @param timeout the limit for all of them together
     * @throws IOException if one exited or did not get ready in time
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitReady(List<Process> processes, Duration timeout) throws IOException, InterruptedException {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Process p : processes) {
            ready.add(readyLine(p));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("simulated processes not ready after " + timeout.toMillis() + " ms: PID "
                    + processes.stream().filter(p -> !ready.get(processes.indexOf(p)).isDone())
                    .map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", ")), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private CompletableFuture<Void> readyLine(Process p) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // The reader is not closed: closing the pipe could make the agent's later writes fail.
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line = in.readLine();
                if (line != null && line.startsWith(SimulatedAgent.READY)) {
                    ready.complete(null);
                } else {
                    ready.completeExceptionally(new IOException("simulated process PID " + p.pid()
                            + " exited before it was ready (" + (line == null ? "no output" : "printed '" + line + "'")
                            + "); see its stderr log"));
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "ready-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    /**
     * @return the PIDs of every process started so far, in start order
     */
    public List<Long> pids() {
        synchronized (started) {
            return started.stream().map(s -> s.process().pid()).collect(Collectors.toUnmodifiableList());
        }
    }

    /**
     * @return labels and PIDs of the started processes that are still alive
     */
    public List<String> alive() {
        synchronized (started) {
            return started.stream().filter(s -> s.process().isAlive())
                    .map(s -> s.name() + " (PID " + s.process().pid() + ")").collect(Collectors.toUnmodifiableList());
        }
    }

    /**
     * The started processes still alive once each had up to {@code wait} (in all) to be
     * reaped: a process the stopper saw exit may take a moment to be collected.
     *
     * @param wait the most to wait, for all processes together
     * @return labels and PIDs of the processes still alive
     * @throws InterruptedException if interrupted while waiting
     */
    public List<String> aliveAfter(Duration wait) throws InterruptedException {
        List<Started> all;
        synchronized (started) {
            all = List.copyOf(started);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Started s : all) {
            s.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return alive();
    }

    /**
     * Kills every started process that is still alive and waits (bounded) for each.
     *
     * @return labels and PIDs of the processes that had to be killed
     */
    public List<String> killAll() {
        List<Started> all;
        synchronized (started) {
            all = List.copyOf(started);
        }
        List<String> killed = new ArrayList<>();
        for (Started s : all) {
            if (s.process().isAlive()) {
                s.process().destroyForcibly();
                killed.add(s.name() + " (PID " + s.process().pid() + ")");
            }
        }
        for (Started s : all) {
            try {
                s.process().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            closeQuietly(s.process());
        }
        return List.copyOf(killed);
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
            p.getInputStream().close();
        } catch (IOException e) {
            // nothing left to do with a dead process's pipes
        }
    }

    private static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", windows() ? "java.exe" : "java");
    }

    private static boolean windows() {
        return HostOs.current() == HostOs.WINDOWS;
    }

    /** Same as {@link #killAll()}. */
    @Override
    public void close() {
        killAll();
    }
}
