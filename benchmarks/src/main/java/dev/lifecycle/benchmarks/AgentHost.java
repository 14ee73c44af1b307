// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small JVM that owns the stand-in host agents, so that they are not children of the JVM
 * under measurement. Protocol, one line each way:
 * <pre>
 * in:  spawn &lt;kind&gt; &lt;role&gt; &lt;delayMs&gt; &lt;driverPid&gt; [instance-dir]   (see {@link StandIn})
 *                                        out: pid &lt;pid&gt;   (after the stand-in printed "ready")
 *                                        out: error &lt;message&gt;
 * in:  quit (or end of input)            kills every agent left by PID, waits, exits
 * (at any time)                          out: exit &lt;pid&gt; &lt;epoch-second&gt; &lt;nano&gt;
 * </pre>
 * The exit line carries the instant this JVM saw the agent reaped (its JDK reaper thread
 * returns from {@code waitpid}, then wakes a waiting thread): at or a little after the
 * real exit, so it is an upper bound of "when the agent exited". Under a burst of exits on
 * a busy machine it can lag by some milliseconds.
 */
public final class AgentHost {

    private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    private static final Map<Long, Process> AGENTS = new ConcurrentHashMap<>();
    private static final long WAITER_STACK_BYTES = 256 * 1024;

    private AgentHost() {
    }

    /**
     * Runs the host until {@code quit} or end of input.
     *
     * @param args unused
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        Runtime.getRuntime().addShutdownHook(new Thread(AgentHost::killAll, "agent-host-cleanup"));
        List<String> prefix = defaultSignalsPrefix();
        warmUp(prefix);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            if (line.startsWith("spawn ")) {
                send(spawn(prefix, line.substring("spawn ".length()).strip()));
            } else {
                send("error unknown command '" + line + "'");
            }
        }
        killAll();
        OUT.flush();
        System.exit(0);
    }

    /**
     * @param request a {@link StandIn} request: it carries Lima's command line for its role,
     *     naming the instance directory, the evidence the stopper checks before it signals
     * @return the reply: {@code pid <pid>} or {@code error <message>}
     */
    private static String spawn(List<String> prefix, String request) {
        StandIn standIn;
        try {
            standIn = StandIn.parse(request);
        } catch (IllegalArgumentException e) {
            return "error " + e.getMessage();
        }
        AgentKind kind = standIn.kind();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(standIn.command());
        Process p;
        try {
            // stdin stays a pipe we never write: the agent blocks on it and ends when we do.
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return "error cannot start " + kind + " agent: " + e.getMessage();
        }
        long pid = p.pid();
        AGENTS.put(pid, p);
        // A blocked thread per agent rather than Process.onExit(): that completes on a new
        // thread per exit (on two cores the common pool is a thread per task), which under
        // 200 simultaneous exits would date them tens of milliseconds late.
        Thread waiter = new Thread(null, () -> reportExit(p), "agent-exit-" + pid, WAITER_STACK_BYTES);
        waiter.setDaemon(true);
        waiter.start();
        String first;
        try (InputStream stdout = p.getInputStream()) {
            // Closing stdout right after "ready" keeps one descriptor per agent, not two.
            first = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            first = "(" + e.getMessage() + ")";
        }
        if (!"ready".equals(first)) {
            p.destroyForcibly();
            return "error " + kind + " agent PID " + pid + " did not print ready but: " + first;
        }
        return "pid " + pid;
    }

    /**
     * Runs the whole spawn-and-reap path once before the first command, so that the exit
     * instants of the first measured agents are not delayed by class loading and first-call
     * linkage in this JVM. Only its "exit" line reaches the client, which ignores PIDs it did
     * not ask for.
     */
    private static void warmUp(List<String> prefix) {
        spawn(prefix, StandIn.plain(AgentKind.PLAIN).request().substring("spawn ".length()));
        AGENTS.values().forEach(Process::destroyForcibly);
    }

    private static void reportExit(Process p) {
        while (true) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException e) {
                // nobody interrupts these threads; keep waiting
            }
        }
        Instant at = Instant.now();
        AGENTS.remove(p.pid());
        send("exit " + p.pid() + " " + at.getEpochSecond() + " " + at.getNano());
    }

    private static void send(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    private static void killAll() {
        List<Process> left = new ArrayList<>(AGENTS.values());
        left.forEach(Process::destroyForcibly);
        for (Process p : left) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A JVM started with SIGINT ignored (as a background job of a non-interactive shell)
     * passes the ignore on to its children, and {@code sh} cannot trap a signal ignored at
     * entry. GNU {@code env --default-signal} undoes that where it exists.
     */
    private static List<String> defaultSignalsPrefix() {
        List<String> prefix = List.of("env", "--default-signal=INT,TERM");
        try {
            List<String> probe = new ArrayList<>(prefix);
            probe.add("true");
            Process p = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return prefix;
            }
            p.destroyForcibly();
        } catch (IOException e) {
            // no GNU env: agents inherit this JVM's dispositions, which is fine when it runs in the foreground
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }
}
