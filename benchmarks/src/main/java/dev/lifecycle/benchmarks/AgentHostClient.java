// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The scenario JVM's side of {@link AgentHost}: starts the host JVM, asks it for agents,
 * and collects the exit instants it reports. {@link #close()} (also run by a shutdown
 * hook) makes the host kill every agent left, by PID, and exit.
 */
final class AgentHostClient implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    private final Process host;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Map<Long, Instant> exits = new ConcurrentHashMap<>();
    private final Thread reader;
    private final Thread cleanupHook;

    private AgentHostClient(Process host) {
        this.host = host;
        this.commands = new OutputStreamWriter(host.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readReplies, "bench-agent-host-reader");
        this.reader.setDaemon(true);
        this.reader.start();
        this.cleanupHook = new Thread(this::stopHost, "bench-agent-host-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Starts the agent host JVM; its stderr (agent script errors) goes to ours. */
    static AgentHostClient start() throws IOException {
        Process p = new ProcessBuilder(ChildJvm.command(AgentHost.class, Map.of(), List.of()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new AgentHostClient(p);
    }

    /**
     * Starts one stand-in with no instance and waits until its traps are set.
     *
     * @return its PID
     */
    long spawn(AgentKind kind) throws IOException, InterruptedException {
        return spawn(StandIn.plain(kind));
    }

    /**
     * Starts one stand-in and waits until its traps are set.
     *
     * @return its PID
     */
    long spawn(StandIn standIn) throws IOException, InterruptedException {
        synchronized (commands) {
            commands.write(standIn.request() + "\n");
            commands.flush();
        }
        String reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new IOException("agent host did not answer '" + standIn.request() + "' within "
                    + REPLY_TIMEOUT.toSeconds() + " s");
        }
        if (!reply.startsWith("pid ")) {
            throw new IOException("agent host: " + reply);
        }
        return Long.parseLong(reply.substring(4).strip());
    }

    /**
     * Starts many stand-ins, the requests sent at once and the replies read in order, so that
     * the host spawns them back to back.
     *
     * @return their PIDs, in the order asked
     */
    List<Long> spawnAll(List<StandIn> standIns) throws IOException, InterruptedException {
        synchronized (commands) {
            for (StandIn s : standIns) {
                commands.write(s.request() + "\n");
            }
            commands.flush();
        }
        List<Long> pids = new java.util.ArrayList<>();
        for (StandIn s : standIns) {
            String reply = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null || !reply.startsWith("pid ")) {
                throw new IOException("agent host: " + (reply == null ? "no answer to '" + s.request() + "' within "
                        + REPLY_TIMEOUT.toSeconds() + " s" : reply));
            }
            pids.add(Long.parseLong(reply.substring(4).strip()));
        }
        return pids;
    }

    /**
     * Waits until the host has reported the exit of every given PID, or the timeout.
     *
     * @return the exit instants known by then (a PID is missing if it was not seen to exit)
     */
    Map<Long, Instant> awaitExits(Collection<Long> pids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (exits) {
            while (!exits.keySet().containsAll(pids)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(exits, left);
            }
        }
        Map<Long, Instant> found = new HashMap<>();
        for (Long pid : pids) {
            Instant at = exits.get(pid);
            if (at != null) {
                found.put(pid, at);
            }
        }
        return found;
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("exit ")) {
                    String[] f = line.split(" ");
                    Instant at = Instant.ofEpochSecond(Long.parseLong(f[2]), Long.parseLong(f[3]));
                    synchronized (exits) {
                        exits.put(Long.parseLong(f[1]), at);
                        exits.notifyAll();
                    }
                } else {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            replies.add("error reading from agent host: " + e.getMessage());
        }
        replies.add("error agent host exited");
    }

    private void stopHost() {
        try {
            synchronized (commands) {
                commands.write("quit\n");
                commands.close();
            }
        } catch (IOException e) {
            // the host is gone or going: end of input has the same effect as quit
        }
        try {
            if (!host.waitFor(15, TimeUnit.SECONDS)) {
                host.destroyForcibly(); // its agents then read end of input and exit by themselves
                host.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopHost();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stopHost again, harmlessly
        }
    }
}
