// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.SocketListener;
import dev.lifecycle.spi.SocketListeners;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The step {@value Steps#STOP_SOCKET_HOLDERS}: once the driver and the host agent are
 * gone, stops the processes that still listen on a socket in the instance directory —
 * what Lima's graceful path would have ended (the ssh ControlMaster with
 * {@code ControlPersist=yes}, virtiofsd, swtpm) and a killed host agent leaves behind.
 * A process is found by the socket it holds, never by its name, and proven again by the
 * start instant seen in that inspection before any signal; the current process and
 * PID 1 or below are never signalled. Each process: interrupt, a short wait, kill,
 * confirmed — one step each.
 *
 * <p>Only the helpers' own sockets make a process a leftover. A process that listens on a
 * socket of the host agent ({@code ha.sock}), of QEMU ({@code qmp.sock}, serial sockets) or
 * of a driver server is the instance's own, running although no PID file says so: the
 * stop then keeps disks locked and files in place instead.
 */
final class SocketHolders {

    /** How long a holder may take to exit on the interrupt before it is killed. */
    static final Duration INTERRUPT_PATIENCE = Duration.ofSeconds(2);

    private final Instance instance;
    private final ProcessControl control;
    private final ProcessKiller killer;
    private final StopRecorder recorder;

    SocketHolders(Instance instance, ProcessControl control, ProcessKiller killer, StopRecorder recorder) {
        this.instance = instance;
        this.control = control;
        this.killer = killer;
        this.recorder = recorder;
    }

    /** One process and the sockets it holds. */
    record Holder(long pid, Instant start, List<Path> sockets) {
        String socketNames() {
            return sockets.stream().map(p -> String.valueOf(p.getFileName())).collect(Collectors.joining(", "));
        }

        String role() {
            return "process listening on " + socketNames();
        }
    }

    /**
     * One search of the instance directory, sorted: the helpers a killed host agent leaves
     * behind, and processes that hold a socket of the agent, the VM or a driver server —
     * proof that a process of the instance still runs although none is recorded as running.
     *
     * @param leftovers ssh ControlMaster, virtiofsd and swtpm processes, to be stopped
     * @param instanceStillRuns one reason per process that is the instance's own, in words
     * @param gaps what could not be searched
     */
    record Scan(List<Holder> leftovers, List<String> instanceStillRuns, List<String> gaps) {
    }

    /**
     * Searches the instance directory for listening sockets and their processes.
     *
     * @return what was found
     */
    Scan scan() {
        return scan(instance, control);
    }

    /**
     * The search alone, for a dry run too: it only lists.
     *
     * @param instance the instance
     * @param control the provider that lists listening sockets
     * @return what was found
     */
    static Scan scan(Instance instance, ProcessControl control) {
        SocketListeners found;
        try {
            found = control.socketListeners(instance.directory());
        } catch (RuntimeException e) {
            found = SocketListeners.notSearched("provider '" + control.id() + "' failed to search: " + e);
        }
        List<Holder> leftovers = new ArrayList<>();
        List<String> instanceStillRuns = new ArrayList<>();
        for (Holder h : byProcess(found.listeners())) {
            if (h.sockets().stream().allMatch(SocketHolders::isHelperSocket)) {
                leftovers.add(h);
            } else {
                instanceStillRuns.add("PID " + h.pid() + " listens on " + h.socketNames() + ", a socket of the host agent, the VM or a driver server: a process of the instance runs"
                        + " without being recorded as running");
            }
        }
        return new Scan(leftovers, instanceStillRuns, found.gaps());
    }

    /**
     * The sockets of the helpers Lima's graceful path ends and a killed host agent leaves:
     * the ssh ControlMaster's {@code ssh.sock} (bound as {@code ssh.sock.<random>}, then
     * renamed), {@code virtiofsd-<n>.sock} and {@code swtpm.sock}.
     */
    static boolean isHelperSocket(Path socket) {
        String name = String.valueOf(socket.getFileName());
        return name.equals("ssh.sock") || name.startsWith("ssh.sock.") || name.equals("swtpm.sock")
                || name.matches("virtiofsd-\\d+\\.sock");
    }

    /**
     * Stops every helper found by the scan and records the steps.
     *
     * @param scan the scan, whose {@code instanceStillRuns} the caller has found empty
     * @param killTimeout how long a killed holder may take to disappear (also caps the patience)
     * @param commandTimeout the limit for any helper an interrupt needs
     * @param mayKill false in graceful-only mode: holders are interrupted, never killed
     * @return true if no helper is left running (processes the stop must never signal aside)
     */
    boolean stop(Scan scan, Duration killTimeout, Duration commandTimeout, boolean mayKill) {
        String gaps = scan.gaps().isEmpty() ? "" : "; not searched: " + String.join("; ", scan.gaps());
        if (scan.leftovers().isEmpty()) {
            recorder.add(StepResult.of(Steps.STOP_SOCKET_HOLDERS, StepStatus.SKIPPED, Duration.ZERO,
                    "no process found listening on a socket in the instance directory" + gaps));
            return true;
        }
        if (!gaps.isEmpty()) {
            recorder.add(StepResult.of(Steps.STOP_SOCKET_HOLDERS, StepStatus.SKIPPED, Duration.ZERO,
                    "the search was incomplete" + gaps));
        }
        Duration patience = killTimeout.compareTo(INTERRUPT_PATIENCE) < 0 ? killTimeout : INTERRUPT_PATIENCE;
        boolean allGone = true;
        for (Holder h : scan.leftovers()) {
            allGone &= stopOne(h, patience, commandTimeout, mayKill);
        }
        return allGone;
    }

    private static List<Holder> byProcess(List<SocketListener> listeners) {
        Map<Long, Holder> holders = new LinkedHashMap<>();
        for (SocketListener l : listeners) {
            holders.computeIfAbsent(l.pid(), pid -> new Holder(pid, l.startInstant(), new ArrayList<>()))
                    .sockets().add(l.socket());
        }
        return List.copyOf(holders.values());
    }

    private boolean stopOne(Holder h, Duration patience, Duration commandTimeout, boolean mayKill) {
        ProcessLookup lookup;
        try {
            // Lima does not fix these helpers' command lines: the exact start instant of the
            // inspection decides, and a process that names another instance is never ours.
            lookup = control.find(ProcessRef.started(h.pid(), h.start()),
                    ExpectedOwner.withAnyCommandLine(instance.directory()));
        } catch (RuntimeException e) {
            lookup = new ProcessLookup.Unknown("provider '" + control.id() + "' failed to check identity: " + e);
        }
        if (lookup instanceof ProcessLookup.Found f) {
            try {
                return killer.interruptThenKill(Steps.STOP_SOCKET_HOLDERS, h.role(), f.target(), patience,
                        commandTimeout, mayKill);
            } finally {
                f.target().close();
            }
        }
        if (lookup instanceof ProcessLookup.Unknown) {
            note(h, StepStatus.FAILED, "left running: its identity cannot be proven (" + lookup.detail() + ")");
            return false;
        }
        String why = lookup instanceof ProcessLookup.NotRunning ? "exited before it was stopped"
                : "left alone: " + lookup.detail();
        note(h, StepStatus.SKIPPED, why);
        return true;
    }

    private void note(Holder h, StepStatus status, String why) {
        recorder.add(StepResult.of(Steps.STOP_SOCKET_HOLDERS, status, Duration.ZERO, h.pid(), h.role() + " " + why));
    }
}
