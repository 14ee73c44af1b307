// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import dev.lifecycle.api.HostOs;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A stand-in for Lima's host agent (or, with no delay, for a VM driver) that runs as a
 * real process of this OS: it handles the graceful interrupt the way the agent does —
 * SIGINT and SIGTERM on Unix, Ctrl+Break or its named interrupt event on Windows — by taking
 * down the processes it was given (its "VM") and exiting after a delay, or ignores the
 * interrupt when told to.
 * Prints {@value #READY} once every handler is installed, so a launcher waits on an event
 * rather than a sleep.
 *
 * <p>{@code sun.misc.Signal} is used because a shutdown hook cannot ignore a signal nor
 * tell which one arrived; it is in the {@code jdk.unsupported} module of every JDK.
 */
public final class SimulatedAgent {

    /** The line printed once the agent is set up. */
    public static final String READY = "ready";

    private final AgentBehaviour behaviour;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicBoolean exiting = new AtomicBoolean();
    /** Held open so that the socket file stays, as a live agent's does. */
    private ServerSocketChannel socket;

    /**
     * @param behaviour what to do
     * @param out where {@value #READY} goes (the launcher reads it)
     * @param err where notes go (the launcher keeps them in {@code ha.stderr.log})
     */
    public SimulatedAgent(AgentBehaviour behaviour, PrintWriter out, PrintWriter err) {
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Sets up, prints {@value #READY}, then waits to be interrupted or killed. Returns only
     * when the maximum lifetime has passed.
     *
     * @return the exit code to use after the maximum lifetime
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public int run() throws InterruptedException {
        String resetNote = InheritedSignalReset.resetToDefault();
        if (!resetNote.isEmpty()) {
            note(resetNote);
        }
        for (String signal : interruptSignals()) {
            install(signal);
        }
        behaviour.interruptEvent().ifPresent(this::listenOnEvent);
        behaviour.socket().ifPresent(path -> {
            try {
                socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                socket.bind(UnixDomainSocketAddress.of(path));
            } catch (IOException | UnsupportedOperationException e) {
                note("cannot listen on " + path + " (" + e + "); going on without a socket");
            }
        });
        if (behaviour.exitWithParent()) {
            watchParent();
        }
        out.println(READY + " " + ProcessHandle.current().pid());
        out.flush();
        Thread.sleep(behaviour.maxLifetime().toMillis());
        note("maximum lifetime of " + behaviour.maxLifetime().toMillis() + " ms reached; exiting");
        return 4;
    }

    /** Windows delivers the agent's interrupt as Ctrl+Break; Unix as SIGINT (SIGTERM from some tools). */
    static List<String> interruptSignals() {
        boolean windows = HostOs.current() == HostOs.WINDOWS;
        return windows ? List.of("BREAK", "INT", "TERM") : List.of("INT", "TERM");
    }

    private void install(String name) {
        Signal signal;
        try {
            signal = new Signal(name);
        } catch (IllegalArgumentException e) {
            note("SIG" + name + " does not exist on this OS");
            return;
        }
        SignalHandler handler = behaviour.ignoreInterrupt()
                ? s -> note("SIG" + name + " received and ignored")
                : s -> onInterrupt("SIG" + name);
        try {
            SignalHandler previous = Signal.handle(signal, handler);
            if (previous == SignalHandler.SIG_IGN && !behaviour.ignoreInterrupt()) {
                // The JVM keeps a signal ignored that was ignored when it started (nohup, background job).
                note("SIG" + name + " was ignored when this process started, so it stays ignored");
            }
        } catch (IllegalArgumentException e) {
            note("cannot handle SIG" + name + " here (" + e.getMessage() + ")");
        }
    }

    private void listenOnEvent(String template) {
        String name = template.replace("{pid}", Long.toString(ProcessHandle.current().pid()));
        try {
            InterruptEvent.listen(name, behaviour.ignoreInterrupt()
                    ? () -> note("interrupt event " + name + " set and ignored")
                    : () -> onInterrupt("interrupt event " + name));
        } catch (LinkageError | RuntimeException e) {
            note("cannot wait on interrupt event " + name + " (" + e + "); only signals reach this agent");
        }
    }

    private void onInterrupt(String signal) {
        if (!exiting.compareAndSet(false, true)) {
            return;
        }
        note(signal + " received; shutting down in " + behaviour.exitDelay().toMillis() + " ms");
        Thread shutdown = new Thread(() -> {
            try {
                Thread.sleep(behaviour.exitDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            behaviour.killOnExit().forEach(this::takeDown);
            behaviour.eventLog().ifPresent(this::logExiting);
            note("exiting");
            System.exit(0);
        }, behaviour.name() + "-shutdown");
        shutdown.start();
    }

    /** Lima's host agent writes this event last on its own shutdown path; {@code limactl stop} waits for it. */
    private void logExiting(Path log) {
        String event = "{\"time\":\"" + Instant.now() + "\",\"status\":{\"exiting\":true}}\n";
        try {
            Files.writeString(log, event, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            note("cannot append the exiting event to " + log + ": " + e);
        }
    }

    /** Stops one process of "the VM" politely and waits (bounded) until it is gone. */
    private void takeDown(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            note("PID " + pid + " had already exited");
            return;
        }
        handle.get().destroy();
        // Not our child, so onExit() would poll slowly; a short poll here keeps the simulation quick.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (handle.get().isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        note(handle.get().isAlive() ? "PID " + pid + " is still running after 5 s" : "stopped PID " + pid);
    }

    /**
     * Exits when the launcher exits, even by a kill. Watched through the JDK, which polls a
     * non-child from a sleeping Java thread: a thread blocked in a native read (say, on
     * stdin) would make every JVM exit of this process wait 300 ms for it.
     */
    private void watchParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() <= 1) {
            note("the launcher is already gone; exiting");
            Runtime.getRuntime().halt(3);
            return;
        }
        long pid = parent.get().pid();
        parent.get().onExit().thenRun(() -> {
            note("the launcher (PID " + pid + ") is gone; exiting");
            Runtime.getRuntime().halt(3);
        });
    }

    private void note(String message) {
        synchronized (err) {
            err.println(Instant.now() + " " + behaviour.name() + " (PID " + ProcessHandle.current().pid() + "): " + message);
            err.flush();
        }
    }
}
