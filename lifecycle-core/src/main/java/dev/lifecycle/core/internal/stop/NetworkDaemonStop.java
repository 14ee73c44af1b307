// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.internal.lima.NetworkDaemon;
import dev.lifecycle.core.internal.lima.PidFile;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stops one network daemon under the rules every process of a stop follows: its PID comes
 * only from its PID file, parsed strictly; it is signalled only once its identity is proven
 * ({@link ProcessControl#find(dev.lifecycle.api.ProcessRef, dev.lifecycle.spi.ExpectedOwner)}: its
 * start time, and that it refers to its PID file's directory); its exit is confirmed, never
 * assumed. As Lima's
 * {@code usernet.Stop} does, it is interrupted first and killed if it is still running after
 * a short wait ({@value #LIMA_WAIT_SECONDS} s, Lima's, or the grace period if shorter); a
 * graceful-only stop never kills it. Its PID file is never deleted: a daemon that exits
 * removes its own, and Lima discards one that names no running process.
 */
final class NetworkDaemonStop {

    /** How long Lima waits for a network daemon after asking it to stop. */
    static final int LIMA_WAIT_SECONDS = 5;

    private final ProcessControl control;

    NetworkDaemonStop(ProcessControl control) {
        this.control = control;
    }

    /**
     * Stops the daemon, if one runs, publishing live events to every recorder given.
     *
     * @param users the recorders of the instances that used the daemon's network
     * @return the step, for every report of those instances
     */
    StepResult stop(NetworkDaemon daemon, StopOptions options, List<StopRecorder> users) {
        long start = System.nanoTime();
        PidFile.Result file = PidFile.read(daemon.pidFile());
        if (file instanceof PidFile.Missing) {
            return StepResult.of(Steps.STOP_NETWORK_DAEMONS, StepStatus.SKIPPED, ProcessKiller.since(start),
                    "no " + daemon.describe() + " is running (no PID file " + daemon.pidFile() + ")");
        }
        if (file instanceof PidFile.Invalid invalid) {
            return StepResult.of(Steps.STOP_NETWORK_DAEMONS, StepStatus.FAILED, ProcessKiller.since(start),
                    daemon.describe() + " not stopped: " + invalid.reason() + "; nothing was signalled and the file"
                            + " is left as it is");
        }
        long pid = ((PidFile.Valid) file).ref().pid();
        ProcessLookup lookup = InstanceProcesses.find(control, ((PidFile.Valid) file).ref(), daemon.owner());
        if (lookup instanceof ProcessLookup.Found found) {
            try (ProcessTarget target = found.target()) {
                return stopProven(daemon, target, options, users, start);
            }
        }
        String what;
        StepStatus status;
        if (lookup instanceof ProcessLookup.NotRunning) {
            status = StepStatus.SKIPPED;
            what = " is not running (its stale PID file is left for Lima, which discards it on its next read)";
        } else if (lookup instanceof ProcessLookup.Unknown) {
            status = StepStatus.FAILED;
            what = " not stopped: its identity cannot be proven, so it is not signalled and may still run";
        } else if (lookup instanceof ProcessLookup.NotOurs) {
            status = StepStatus.REFUSED;
            what = " is gone: its PID now names another process, which is never signalled";
        } else {
            status = StepStatus.REFUSED;
            what = " not stopped: its PID is one that is never signalled";
        }
        return StepResult.of(Steps.STOP_NETWORK_DAEMONS, status, ProcessKiller.since(start), pid,
                daemon.describe() + what + " — " + lookup.detail());
    }

    private StepResult stopProven(NetworkDaemon daemon, ProcessTarget target, StopOptions options,
                                  List<StopRecorder> users, long start) {
        SignalResult interrupt;
        try {
            interrupt = target.interrupt(options.commandTimeout());
        } catch (RuntimeException e) {
            interrupt = new SignalResult(SignalResult.Status.FAILED, "interrupt threw " + e);
        }
        if (interrupt.status() == SignalResult.Status.NOT_PERMITTED) {
            // socket_vmnet runs as root: Lima stops it with `sudo pkill -F <pid file>` under its sudoers entry.
            return result(StepStatus.FAILED, start, target, daemon.describe() + " not stopped: " + interrupt.detail()
                    + (daemon.kind() == NetworkDaemon.Kind.SOCKET_VMNET ? "; it runs as root, and Lima stops it with"
                    + " `sudo /usr/bin/pkill -F " + daemon.pidFile() + "`" : ""));
        }
        if (interrupt.status() == SignalResult.Status.DELIVERED) {
            publish(users, StopEvent.Type.SIGNAL_SENT, target, daemon.describe() + ": " + interrupt.detail());
        }
        Duration wait = min(options.gracePeriod(), Duration.ofSeconds(LIMA_WAIT_SECONDS));
        if (ProcessKiller.exitsWithin(target, wait)) {
            return stopped(daemon, target, users, start, "exited after the interrupt");
        }
        String afterInterrupt = "still running " + wait.toMillis() + " ms after the interrupt ("
                + interrupt.status() + ")";
        if (options.mode() == StopMode.GRACEFUL_ONLY) {
            return result(StepStatus.TIMED_OUT, start, target, daemon.describe() + " " + afterInterrupt
                    + "; graceful only was requested, so it is not killed");
        }
        SignalResult kill;
        try {
            kill = target.kill();
        } catch (RuntimeException e) {
            kill = new SignalResult(SignalResult.Status.FAILED, "kill threw " + e);
        }
        if (kill.status() == SignalResult.Status.DELIVERED) {
            publish(users, StopEvent.Type.KILL_SENT, target, daemon.describe() + ": " + kill.detail());
        } else if (kill.status() != SignalResult.Status.ALREADY_EXITED) {
            return result(StepStatus.FAILED, start, target, daemon.describe() + " " + afterInterrupt + ", and the kill"
                    + " failed (" + kill.status() + ": " + kill.detail() + "); it may still run");
        }
        if (ProcessKiller.exitsWithin(target, options.killTimeout())) {
            return stopped(daemon, target, users, start, "killed after it was " + afterInterrupt
                    + "; its PID file is left for Lima, which discards it on its next read");
        }
        return result(StepStatus.TIMED_OUT, start, target, daemon.describe() + " still running "
                + options.killTimeout().toMillis() + " ms after the kill");
    }

    private static StepResult stopped(NetworkDaemon daemon, ProcessTarget target, List<StopRecorder> users,
                                      long start, String how) {
        publish(users, StopEvent.Type.NETWORK_DAEMON_STOPPED, target, daemon.describe() + " exited");
        return result(StepStatus.SUCCEEDED, start, target, daemon.describe() + " stopped, no running instance uses"
                + " the network any more: " + how);
    }

    private static void publish(List<StopRecorder> users, StopEvent.Type type, ProcessTarget target, String message) {
        users.forEach(r -> r.event(type, Steps.STOP_NETWORK_DAEMONS, OptionalLong.of(target.pid()), message));
    }

    private static StepResult result(StepStatus status, long start, ProcessTarget target, String message) {
        return StepResult.of(Steps.STOP_NETWORK_DAEMONS, status, ProcessKiller.since(start), target.pid(), message);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
