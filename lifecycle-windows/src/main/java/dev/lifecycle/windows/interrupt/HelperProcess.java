// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.windows.helper.HelperProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Ctrl+Break helper JVM and the pipes to it: requests go to its stdin, and a
 * daemon thread reads its output (stderr merged), passing protocol lines on and keeping the
 * first {@value #MAX_OUTPUT} characters of anything else for messages. Every wait is
 * bounded; on expiry the helper is killed with its descendants. Not thread-safe: {@link
 * ReusedHelper} uses it under its lock.
 */
final class HelperProcess {

    /** Characters of non-protocol output kept for messages. */
    static final int MAX_OUTPUT = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(HelperProcess.class);
    /** How long a killed or closed helper may take to go. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    /** Queued when the helper's output ends. */
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder noise = new StringBuilder();
    private final OutputStream requests;

    private HelperProcess(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        Thread reader = new Thread(this::read, "lifecycle-windows-helper-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the helper and waits for its {@link HelperProtocol#READY} line.
     *
     * @param command the command line
     * @param environment changes the environment it inherits
     * @param timeout the limit for getting ready
     * @return the ready helper, or how the start failed
     */
    static Started start(List<String> command, Consumer<java.util.Map<String, String>> environment, Duration timeout) {
        long begin = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.accept(builder.environment());
        HelperProcess helper;
        try {
            helper = new HelperProcess(builder.start());
        } catch (IOException | RuntimeException e) {
            return Started.failed(HelperOutcome.failedToStart("cannot start " + command.get(0) + ": " + e));
        }
        Optional<String> line = helper.next(timeout);
        if (line.isEmpty()) {
            helper.kill();
            return Started.failed(HelperOutcome.timedOut(helper.output(), since(begin)));
        }
        if (HelperProtocol.isReady(line.get())) {
            LOG.debug("Ctrl+Break helper PID {} ready after {} ms", helper.process.pid(), since(begin).toMillis());
            return new Started(Optional.of(helper), Optional.empty());
        }
        // It replied before being asked (wrong OS, bad arguments, no JNA) or ended: that is the answer.
        HelperOutcome failed = reply(line.get()).orElseGet(() -> HelperOutcome.ended(helper.ended(), since(begin)));
        helper.close();
        return Started.failed(failed.withElapsed(since(begin)));
    }

    /**
     * A start's result: a ready helper, or how it failed.
     *
     * @param helper the ready helper, if it started
     * @param failure how it failed, when it did not
     */
    record Started(Optional<HelperProcess> helper, Optional<HelperOutcome> failure) {
        static Started failed(HelperOutcome failure) {
            return new Started(Optional.empty(), Optional.of(failure));
        }
    }

    /** @return its PID */
    long pid() {
        return process.pid();
    }

    /** @return true while it runs */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends one request and waits for its reply.
     *
     * @param pid the target
     * @param timeout the limit
     * @return the reply, or how the request failed (the helper is then unusable: close it)
     */
    HelperOutcome request(long pid, Duration timeout) {
        long begin = System.nanoTime();
        try {
            requests.write((pid + "\n").getBytes(StandardCharsets.US_ASCII));
            requests.flush();
        } catch (IOException e) {
            return HelperOutcome.ended(ended(), since(begin));
        }
        while (true) {
            Optional<String> line = next(Duration.ofNanos(timeout.toNanos() - (System.nanoTime() - begin)));
            if (line.isEmpty()) {
                kill();
                return HelperOutcome.timedOut(output(), since(begin));
            }
            if (line.get().equals(END)) {
                return HelperOutcome.ended(ended(), since(begin));
            }
            Optional<HelperOutcome> reply = reply(line.get());
            if (reply.isPresent()) {
                return reply.get().withElapsed(since(begin));
            }
        }
    }

    /** Closes its stdin, which ends it; kills it if it does not go. Idempotent. */
    void close() {
        try {
            requests.close();
        } catch (IOException e) {
            // already broken: the kill below settles it
        }
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void kill() {
        // Snapshot first: once the parent is gone its children are harder to find.
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<HelperOutcome> reply(String line) {
        return HelperProtocol.parseReply(line).map(r -> HelperOutcome.replied(r.outcome(), r.message(), Duration.ZERO));
    }

    /** @return the next protocol line, {@link #END}, or empty when the time is up */
    private Optional<String> next(Duration timeout) {
        try {
            return Optional.ofNullable(lines.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** @return its output, with its exit code once it has exited */
    private String ended() {
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String exit = process.isAlive() ? "" : "exit code " + process.exitValue();
        String out = output();
        return out.isEmpty() ? exit : exit.isEmpty() ? out : exit + ": " + out;
    }

    private String output() {
        synchronized (noise) {
            return noise.toString().strip();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(HelperProtocol.PREFIX)) {
                    lines.add(line);
                } else {
                    synchronized (noise) {
                        if (noise.length() < MAX_OUTPUT) {
                            noise.append(line, 0, Math.min(line.length(), MAX_OUTPUT - noise.length())).append('\n');
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The pipe broke because the helper was killed: what we have is what there is.
        } finally {
            lines.add(END);
        }
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }
}
