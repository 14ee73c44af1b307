// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills the recorded process of one role (driver, driver server, host agent) and confirms
 * its exit within the kill timeout, unlike upstream Lima which never waits. Only a process
 * whose identity was proven is signalled; one that survives is reported, not assumed gone.
 * Records one step per call.
 *
 * <p>{@link #kill} holds no thread while it waits: the SIGKILL goes out on the calling thread,
 * and the step is recorded on the worker pool once the provider's exit watcher saw the exit
 * (or the timer saw the kill timeout pass), so that a thousand instances' forced sequences
 * advance together. A process confirmed gone has its pin released at once.
 */
final class ProcessKiller {

    /** How a wait for an exit ended. */
    private enum Ending { SEEN, TIMED_OUT, WATCH_FAILED }

    /**
     * A wait's end.
     *
     * @param ending how it ended
     * @param failure why the watch failed, for {@link Ending#WATCH_FAILED}
     */
    private record Exit(Ending ending, String failure) {
        static final Exit SEEN = new Exit(Ending.SEEN, "");
        static final Exit TIMED_OUT = new Exit(Ending.TIMED_OUT, "");
    }

    private final InstanceProcesses processes;
    private final Duration killTimeout;
    private final StopRecorder recorder;
    private final StopThreads threads;

    ProcessKiller(InstanceProcesses processes, Duration killTimeout, StopRecorder recorder, StopThreads threads) {
        this.processes = processes;
        this.killTimeout = killTimeout;
        this.recorder = recorder;
        this.threads = threads;
    }

    /**
     * Kills the process in a role, if one is recorded, and records the step once its exit is
     * confirmed or the kill timeout has passed.
     *
     * @return completed with whether it is gone (or was never ours to kill); never exceptionally
     */
    CompletableFuture<Boolean> kill(String step, String role, Optional<ProcessRef> ref) {
        if (ref.isEmpty()) {
            recorder.add(StepResult.of(step, StepStatus.SKIPPED, Duration.ZERO, "no " + role + " PID recorded"));
            return CompletableFuture.completedFuture(true);
        }
        long pid = ref.get().pid();
        ProcessLookup lookup = processes.lookup(ref.get());
        if (lookup instanceof ProcessLookup.Found found) {
            long start = System.nanoTime();
            Optional<SignalResult> sent = send(step, role, found.target(), start);
            if (sent.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            return confirmExit(found.target(), killTimeout)
                    .thenApplyAsync(exit -> confirmed(step, role, found.target(), sent.get(), start, exit),
                            threads.workers());
        }
        if (lookup instanceof ProcessLookup.Unknown) {
            recorder.add(StepResult.of(step, StepStatus.FAILED, Duration.ZERO, pid, role
                    + " not killed because its identity cannot be proven; it may still run"));
            return CompletableFuture.completedFuture(false);
        }
        String why = lookup instanceof ProcessLookup.NotRunning ? "not running" : "left alone: " + lookup.detail();
        recorder.add(StepResult.of(step, StepStatus.SKIPPED, Duration.ZERO, pid, role + " " + why));
        return CompletableFuture.completedFuture(true);
    }

    /**
     * Stops a process the stop found rather than read from a PID file: interrupt, wait up
     * to {@code patience} for it to exit, then (if allowed) kill and confirm. Records one step.
     *
     * @param step the step name
     * @param role what the process is, in words
     * @param target the proven, pinned process
     * @param patience how long to wait after the interrupt
     * @param commandTimeout the limit for any helper the interrupt needs
     * @param mayKill false when only a graceful stop was asked for
     * @return whether it is gone
     */
    boolean interruptThenKill(String step, String role, ProcessTarget target, Duration patience,
                              Duration commandTimeout, boolean mayKill) {
        long start = System.nanoTime();
        SignalResult signal;
        try {
            signal = target.interrupt(commandTimeout);
        } catch (RuntimeException e) {
            signal = new SignalResult(SignalResult.Status.FAILED, "interrupt threw " + e);
        }
        if (signal.status() == SignalResult.Status.ALREADY_EXITED) {
            recorder.add(StepResult.of(step, StepStatus.SUCCEEDED, since(start), target.pid(), role + " had already exited"));
            return true;
        }
        if (signal.status() == SignalResult.Status.DELIVERED) {
            recorder.event(StopEvent.Type.SIGNAL_SENT, step, OptionalLong.of(target.pid()), role + ": " + signal.detail());
            if (exitsWithin(target, patience)) {
                recorder.processExited(step, target.pid(), role + " exited");
                recorder.add(StepResult.of(step, StepStatus.SUCCEEDED, since(start), target.pid(),
                        role + " exited after the interrupt"));
                return true;
            }
        }
        String notGone = signal.status() == SignalResult.Status.DELIVERED
                ? "still running " + patience.toMillis() + " ms after the interrupt"
                : "interrupt not delivered (" + signal.status() + ": " + signal.detail() + ")";
        if (!mayKill) {
            return failed(step, StepStatus.FAILED, start, target, role + " " + notGone
                    + "; graceful only was requested, so it was not killed and still runs");
        }
        return killAndConfirm(step, role + " (" + notGone + ")", target);
    }

    /**
     * Waits on the calling thread for a process to exit, for steps that handle one process
     * at a time (socket holders, network daemons). A wait that ends otherwise asks the
     * process itself; the exit watch is dropped either way.
     *
     * @return true if it exited within the patience
     */
    static boolean exitsWithin(ProcessTarget target, Duration patience) {
        CompletableFuture<Instant> exit = target.onExit();
        try {
            exit.get(patience.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            return !target.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !target.isAlive();
        } finally {
            exit.cancel(false); // unregister from the exit watcher; the kill watches afresh
        }
    }

    /**
     * What {@link #kill} would do with the process in a role, for a dry run: the same
     * decision on the same lookup, nothing signalled.
     *
     * @param role the role, e.g. {@code driver}
     * @param ref its recorded process, if one
     * @param processes the identified processes
     * @return the action, in words
     */
    static String planned(String role, Optional<ProcessRef> ref, InstanceProcesses processes) {
        if (ref.isEmpty()) {
            return "nothing: no " + role + " PID recorded";
        }
        ProcessLookup lookup = processes.lookup(ref.get());
        if (lookup instanceof ProcessLookup.Found) {
            return "kill the " + role + " and confirm its exit within the kill timeout";
        }
        if (lookup instanceof ProcessLookup.Unknown) {
            return "nothing: the " + role + "'s identity cannot be proven, so it is not killed";
        }
        return "nothing: the " + role + " is " + (lookup instanceof ProcessLookup.NotRunning ? "not running"
                : "left alone (" + lookup.detail() + ")");
    }

    /** Kills and waits on the calling thread: for the socket holders' step, which runs one process at a time. */
    private boolean killAndConfirm(String step, String role, ProcessTarget target) {
        long start = System.nanoTime();
        Optional<SignalResult> sent = send(step, role, target, start);
        if (sent.isEmpty()) {
            return false;
        }
        Exit exit;
        try {
            exit = confirmExit(target, killTimeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(step, StepStatus.FAILED, start, target,
                    "interrupted while waiting for the killed " + role + " to exit");
        } catch (ExecutionException e) {
            exit = new Exit(Ending.WATCH_FAILED, String.valueOf(e.getCause()));
        }
        return confirmed(step, role, target, sent.get(), start, exit);
    }

    /**
     * Sends SIGKILL, unless the process was already confirmed gone (its pin released).
     *
     * @return the signal's result if the kill may be confirmed; empty when it failed (recorded)
     */
    private Optional<SignalResult> send(String step, String role, ProcessTarget target, long start) {
        if (processes.isReleased(target)) {
            return Optional.of(new SignalResult(SignalResult.Status.ALREADY_EXITED, "its exit was already seen"));
        }
        SignalResult signal;
        try {
            signal = target.kill();
        } catch (RuntimeException e) {
            signal = new SignalResult(SignalResult.Status.FAILED, "kill threw " + e);
        }
        if (signal.status() == SignalResult.Status.DELIVERED) {
            recorder.event(StopEvent.Type.KILL_SENT, step, OptionalLong.of(target.pid()), role + ": " + signal.detail());
        } else if (signal.status() != SignalResult.Status.ALREADY_EXITED) {
            failed(step, StepStatus.FAILED, start, target, role + " kill failed (" + signal.status() + ": "
                    + signal.detail() + "); it may still run");
            return Optional.empty();
        }
        return Optional.of(signal);
    }

    /**
     * Waits for an exit without holding a thread: completed by the provider's exit watcher
     * or by the shared timer, never by a worker, so a worker may block on it.
     */
    private CompletableFuture<Exit> confirmExit(ProcessTarget target, Duration timeout) {
        if (processes.isReleased(target)) {
            return CompletableFuture.completedFuture(Exit.SEEN);
        }
        CompletableFuture<Exit> result = new CompletableFuture<>();
        CompletableFuture<Instant> watch = target.onExit();
        ScheduledFuture<?> timer = threads.timer().schedule(() -> result.complete(Exit.TIMED_OUT),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        // Only completes a future here, on the watcher's thread: what follows runs on the workers.
        watch.whenComplete((at, e) -> result.complete(e == null ? Exit.SEEN : new Exit(Ending.WATCH_FAILED, e.toString())));
        result.whenComplete((exit, e) -> {
            timer.cancel(false);
            watch.cancel(false); // unregister from the exit watcher if the timer won
        });
        return result;
    }

    /** Records the kill's step once its wait ended; releases the pin of a process confirmed gone. */
    private boolean confirmed(String step, String role, ProcessTarget target, SignalResult signal, long start, Exit exit) {
        if (exit.ending() == Ending.TIMED_OUT) {
            return failed(step, StepStatus.TIMED_OUT, start, target, role + " still running "
                    + killTimeout.toMillis() + " ms after the kill; its files are kept");
        }
        if (exit.ending() == Ending.WATCH_FAILED && target.isAlive()) {
            return failed(step, StepStatus.FAILED, start, target, "exit watch of the " + role + " failed ("
                    + exit.failure() + ") and the process is still alive");
        }
        recorder.processExited(step, target.pid(), role + " exited");
        processes.release(target);
        String how = signal.status() == SignalResult.Status.ALREADY_EXITED ? " had already exited"
                : " killed and confirmed gone";
        recorder.add(StepResult.of(step, StepStatus.SUCCEEDED, since(start), target.pid(), role + how));
        return true;
    }

    private boolean failed(String step, StepStatus status, long start, ProcessTarget target, String message) {
        recorder.add(StepResult.of(step, status, since(start), target.pid(), message));
        return false;
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
