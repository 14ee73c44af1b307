package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.internal.disk.DiskLockReleaser;
import dev.lifecycle.core.internal.files.PidFileGuard;
import dev.lifecycle.core.internal.files.StaleFileCleaner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.VmTypeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops one instance: identify, interrupt, wait against the deadline, then either finish
 * the graceful path or run the forced sequence. Waiting holds no thread: it is a future
 * completed by the provider's exit watcher or by the shared timer. Each run is used once.
 */
final class StopRun {

    /** What to do after the graceful phase. */
    private enum Next { ALREADY_STOPPED, WAIT, GRACEFUL_DONE, FORCE }

    private final Instance instance;
    private final StopOptions options;
    private final ProcessControl control;
    private final Optional<VmTypeExtension> extension;
    private final StopThreads threads;
    private final StopRecorder recorder;
    private final CoreExtensionContext extensionContext;
    private final StopBatch batch;
    private final PidFileGuard guard;
    private final StaleFileCleaner cleaner = new StaleFileCleaner();
    private final DiskLockReleaser disks = new DiskLockReleaser();
    private volatile InstanceProcesses processes;

    StopRun(Instance instance, StopOptions options, ProcessControl control, Optional<VmTypeExtension> extension,
            StopThreads threads, StopRecorder recorder, CoreExtensionContext extensionContext, StopBatch batch) {
        this.instance = instance;
        this.options = options;
        this.control = control;
        this.extension = extension;
        this.threads = threads;
        this.recorder = recorder;
        this.extensionContext = extensionContext;
        this.batch = batch;
        this.guard = new PidFileGuard(control);
    }

    /**
     * Starts the stop.
     *
     * @param deadlineNanos the {@link System#nanoTime()} at which the shared grace period ends
     * @return the report, never completed exceptionally
     */
    CompletableFuture<StopReport> start(long deadlineNanos) {
        return CompletableFuture.supplyAsync(this::identifyAndInterrupt, threads.workers())
                .thenCompose(next -> next == Next.WAIT ? awaitGraceful(deadlineNanos) : CompletableFuture.completedFuture(next))
                .thenApplyAsync(this::finish, threads.workers())
                .exceptionally(this::unexpected)
                .whenComplete((r, e) -> {
                    InstanceProcesses p = processes;
                    if (p != null) {
                        p.close();
                    }
                });
    }

    // ---- graceful phase -------------------------------------------------------------

    /** Identifies the processes and interrupts; says whether to wait, force, or finish at once. */
    private Next identifyAndInterrupt() {
        recorder.event(StopEvent.Type.STOP_STARTED, "stop", OptionalLong.empty(), "stopping instance " + instance.name()
                + " (" + options.mode() + ", grace " + options.gracePeriod().toMillis() + " ms)");
        processes = InstanceProcesses.identify(instance, control, recorder);
        List<ProcessTarget> alive = processes.alive();
        if (alive.isEmpty()) {
            return Next.ALREADY_STOPPED;
        }
        if (options.mode() == StopMode.FORCED_ONLY || batch.isCancelled()) {
            return Next.FORCE;
        }
        List<ProcessTarget> toInterrupt = interruptTargets();
        boolean anyDelivered = false;
        for (ProcessTarget t : toInterrupt) {
            anyDelivered |= interrupt(t);
        }
        return anyDelivered ? Next.WAIT : Next.FORCE;
    }

    private List<ProcessTarget> interruptTargets() {
        Optional<ProcessTarget> agent = instance.hostAgent().flatMap(processes::target).filter(ProcessTarget::isAlive);
        if (agent.isPresent()) {
            return List.of(agent.get());
        }
        // Orphaned VM (agent dead): still try graceful first, on the driver (QEMU shuts down on SIGINT).
        Optional<ProcessTarget> driver = instance.driver().flatMap(processes::target).filter(ProcessTarget::isAlive);
        if (driver.isPresent()) {
            return List.of(driver.get());
        }
        return instance.driverServers().stream().map(processes::target).flatMap(Optional::stream)
                .filter(ProcessTarget::isAlive).collect(Collectors.toList());
    }

    private boolean interrupt(ProcessTarget t) {
        long start = System.nanoTime();
        String who = "instance " + instance.name() + ", PID " + t.pid();
        SignalResult r;
        try {
            r = t.interrupt(options.commandTimeout());
        } catch (RuntimeException e) {
            r = new SignalResult(SignalResult.Status.FAILED, "interrupt threw " + e);
        }
        StepStatus status = switch (r.status()) {
            case DELIVERED, ALREADY_EXITED -> StepStatus.SUCCEEDED;
            case TIMED_OUT -> StepStatus.TIMED_OUT;
            case NOT_PERMITTED, NO_CHANNEL, FAILED -> StepStatus.FAILED;
        };
        String next = status == StepStatus.SUCCEEDED ? ""
                : options.mode() == StopMode.GRACEFUL_ONLY ? "; graceful only was requested, so nothing more is tried"
                : "; going on to the forced stop";
        if (r.status() == SignalResult.Status.DELIVERED) {
            recorder.event(StopEvent.Type.SIGNAL_SENT, Steps.INTERRUPT_HOST_AGENT, OptionalLong.of(t.pid()),
                    who + ": " + r.detail());
        }
        recorder.add(StepResult.of(Steps.INTERRUPT_HOST_AGENT, status, ProcessKiller.since(start), t.pid(),
                who + ": " + r.detail() + next));
        return status == StepStatus.SUCCEEDED;
    }

    private CompletableFuture<Next> awaitGraceful(long deadlineNanos) {
        long start = System.nanoTime();
        List<ProcessTarget> alive = processes.alive();
        CompletableFuture<Next> done = new CompletableFuture<>();
        List<CompletableFuture<?>> exits = new ArrayList<>();
        List<CompletableFuture<?>> watches = new ArrayList<>();
        for (ProcessTarget t : alive) {
            CompletableFuture<java.time.Instant> watch = t.onExit();
            watches.add(watch);
            // Async: the listener must never run on (and stall) the provider's exit watcher thread.
            exits.add(watch.whenCompleteAsync((at, e) -> {
                if (e == null) {
                    recorder.event(StopEvent.Type.PROCESS_EXITED, Steps.AWAIT_GRACEFUL_EXIT, OptionalLong.of(t.pid()),
                            "instance " + instance.name() + ", PID " + t.pid() + " exited");
                }
            }, threads.workers()));
        }
        CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> done.complete(Next.GRACEFUL_DONE));
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        ScheduledFuture<?> timer = threads.timer().schedule(() -> done.complete(Next.FORCE), delay, TimeUnit.NANOSECONDS);
        Runnable onCancel = () -> done.complete(Next.FORCE);
        batch.onCancel(onCancel);
        return done.whenComplete((next, e) -> {
            timer.cancel(false);
            batch.removeOnCancel(onCancel);
            watches.forEach(f -> f.cancel(false)); // unregister from the exit watcher
            List<ProcessTarget> left = processes.alive();
            Duration took = ProcessKiller.since(start);
            if (left.isEmpty()) {
                recorder.add(StepResult.of(Steps.AWAIT_GRACEFUL_EXIT, StepStatus.SUCCEEDED, took,
                        "instance " + instance.name() + ": every process exited after the interrupt"));
            } else {
                String pids = left.stream().map(t -> String.valueOf(t.pid())).collect(Collectors.joining(", "));
                String why = batch.isCancelled() ? "stop cancelled while waiting" : "grace period of "
                        + options.gracePeriod().toMillis() + " ms expired";
                recorder.event(StopEvent.Type.GRACE_PERIOD_EXPIRED, Steps.AWAIT_GRACEFUL_EXIT, OptionalLong.empty(),
                        "instance " + instance.name() + ": " + why + "; still running: PID " + pids);
                recorder.add(StepResult.of(Steps.AWAIT_GRACEFUL_EXIT, StepStatus.TIMED_OUT, took,
                        "instance " + instance.name() + ": " + why + " with PID " + pids + " still running"));
            }
        }).thenApply(next -> processes.alive().isEmpty() ? Next.GRACEFUL_DONE : Next.FORCE);
    }

    // ---- after the graceful phase --------------------------------------------------

    private StopReport finish(Next next) {
        switch (next) {
            case ALREADY_STOPPED:
                return alreadyStopped();
            case GRACEFUL_DONE:
                return afterGracefulExit();
            default:
                if (options.mode() == StopMode.GRACEFUL_ONLY) {
                    return recorder.finish(Outcome.FAILED);
                }
                if (batch.isCancelled()) {
                    recorder.add(StepResult.of(Steps.KILL_DRIVER, StepStatus.SKIPPED, Duration.ZERO,
                            "instance " + instance.name() + ": stop cancelled before the forced sequence; running processes left as they are: "
                                    + pids(processes.alive())));
                    return recorder.finish(Outcome.FAILED);
                }
                return forced();
        }
    }

    private StopReport alreadyStopped() {
        if (processes.anyUnprovable()) {
            keepEverything("a process of the instance could not be proven gone");
            return recorder.finish(Outcome.FAILED);
        }
        Outcome outcome = Outcome.ALREADY_STOPPED;
        if (extension.isPresent()) {
            StepResult vm = runExtension(true);
            if (vm.status().isProblem() || vm.status() == StepStatus.REFUSED) {
                keepEverything("the VM may still run");
                return recorder.finish(Outcome.FAILED);
            }
            if (vm.status() == StepStatus.SUCCEEDED) {
                outcome = Outcome.STOPPED_FORCIBLY; // the VM was running without its agent and had to be stopped
            }
        }
        return releaseAndClean(outcome);
    }

    private StopReport afterGracefulExit() {
        if (processes.anyUnprovable()) {
            keepEverything("a process of the instance could not be proven gone");
            return recorder.finish(Outcome.FAILED);
        }
        if (extension.isPresent()) {
            StepResult vm = runExtension(false);
            if (vm.status().isProblem() || vm.status() == StepStatus.REFUSED) {
                keepEverything("the VM may still run");
                return recorder.finish(Outcome.FAILED);
            }
        }
        return releaseAndClean(Outcome.STOPPED_GRACEFULLY);
    }

    /** Unlock and clean when every process is gone; the outcome degrades to FAILED if files must be kept. */
    private StopReport releaseAndClean(Outcome outcome) {
        List<String> blockers = guard.blockers(instance, Set.of());
        if (!blockers.isEmpty()) {
            keepEverything(untrusted(blockers));
            return recorder.finish(Outcome.FAILED);
        }
        recorder.addAll(disks.release(instance, msg -> recorder.event(StopEvent.Type.DISK_UNLOCKED, Steps.UNLOCK_DISKS,
                OptionalLong.empty(), msg)));
        return recorder.finish(removeStaleFiles() ? outcome : Outcome.FAILED);
    }

    private void keepEverything(String why) {
        recorder.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.REFUSED, Duration.ZERO,
                "instance " + instance.name() + ": disks left locked because " + why));
        recorder.add(StepResult.of(Steps.REMOVE_STALE_FILES, StepStatus.REFUSED, Duration.ZERO,
                "instance " + instance.name() + ": files kept because " + why));
    }

    private static String untrusted(List<String> blockers) {
        return String.join("; ", blockers) + ". Check the process list, and remove a PID file by hand once it is stale";
    }

    /** Removes the stale files, once the guard let them go; returns whether that worked. */
    private boolean removeStaleFiles() {
        StepResult r = cleaner.clean(instance, p -> recorder.event(StopEvent.Type.FILE_REMOVED, Steps.REMOVE_STALE_FILES,
                OptionalLong.empty(), "instance " + instance.name() + ": removed " + p));
        recorder.add(r);
        return !r.status().isProblem();
    }

    // ---- forced sequence (upstream Lima's order) -----------------------------------

    private StopReport forced() {
        Set<Long> handled = new HashSet<>();
        instance.processes().forEach(p -> handled.add(p.pid()));

        // 1. the driver
        boolean driverGone = killRole(Steps.KILL_DRIVER, "driver", instance.driver());
        // 1b. the VM-type extension's driver step (WSL2: terminate the distro)
        boolean vmGone = true;
        if (extension.isPresent()) {
            StepResult vm = runExtension(true);
            vmGone = !(vm.status().isProblem() || vm.status() == StepStatus.REFUSED);
        }
        // 2. external driver servers
        boolean serversGone = true;
        if (instance.driverServers().isEmpty()) {
            recorder.add(StepResult.of(Steps.STOP_DRIVER_SERVERS, StepStatus.SKIPPED, Duration.ZERO,
                    "instance " + instance.name() + ": no external driver servers"));
        }
        for (ProcessRef server : instance.driverServers()) {
            if (instance.driver().filter(d -> d.pid() == server.pid()).isPresent()) {
                continue;
            }
            serversGone &= killRole(Steps.STOP_DRIVER_SERVERS, "driver server", Optional.of(server));
        }
        // 3. disks: only once the VM is dead
        if (driverGone && vmGone && serversGone) {
            List<String> blockers = guard.blockers(instance, handled);
            if (blockers.isEmpty()) {
                recorder.addAll(disks.release(instance, msg -> recorder.event(StopEvent.Type.DISK_UNLOCKED,
                        Steps.UNLOCK_DISKS, OptionalLong.empty(), msg)));
            } else {
                recorder.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.REFUSED, Duration.ZERO,
                        "instance " + instance.name() + ": disks left locked because " + untrusted(blockers)));
            }
        } else {
            recorder.add(StepResult.of(Steps.UNLOCK_DISKS, StepStatus.REFUSED, Duration.ZERO,
                    "instance " + instance.name() + ": disks left locked because the VM may still run"));
        }
        // 4. the host agent, last, so that it cannot restart the driver
        boolean agentGone;
        boolean agentIsDriver = instance.hostAgent().isPresent() && instance.driver().isPresent()
                && instance.hostAgent().get().pid() == instance.driver().get().pid();
        if (agentIsDriver) {
            agentGone = driverGone;
            recorder.add(StepResult.of(Steps.KILL_HOST_AGENT, driverGone ? StepStatus.SKIPPED : StepStatus.FAILED,
                    Duration.ZERO, instance.hostAgent().get().pid(), "instance " + instance.name() + ", host agent PID "
                            + instance.hostAgent().get().pid() + " is also the driver (" + instance.vmType() + "): "
                            + (driverGone ? "already killed in kill-driver" : "it survived kill-driver")));
        } else {
            agentGone = killRole(Steps.KILL_HOST_AGENT, "host agent", instance.hostAgent());
        }
        // 5. stale files, only when every process is confirmed gone
        boolean processesGone = driverGone && serversGone && agentGone && !processes.anyUnprovable()
                && processes.alive().isEmpty();
        if (!(vmGone && processesGone)) {
            // Name each reason: with WSL2 the VM (the distro) can outlive every process of the instance.
            List<String> reasons = new ArrayList<>();
            if (!vmGone) {
                reasons.add("the VM may still run");
            }
            if (!processesGone) {
                reasons.add("a process of the instance may still run"
                        + (processes.alive().isEmpty() ? "" : " (PID " + pids(processes.alive()) + ")"));
            }
            recorder.add(StepResult.of(Steps.REMOVE_STALE_FILES, StepStatus.REFUSED, Duration.ZERO,
                    "instance " + instance.name() + ": files kept because " + String.join(" and ", reasons)));
            return recorder.finish(Outcome.FAILED);
        }
        // Now that the handled processes are gone, every PID file is checked, theirs included.
        List<String> blockers = guard.blockers(instance, Set.of());
        if (!blockers.isEmpty()) {
            recorder.add(StepResult.of(Steps.REMOVE_STALE_FILES, StepStatus.REFUSED, Duration.ZERO,
                    "instance " + instance.name() + ": files kept because " + untrusted(blockers)));
            return recorder.finish(Outcome.FAILED);
        }
        return recorder.finish(removeStaleFiles() ? Outcome.STOPPED_FORCIBLY : Outcome.FAILED);
    }

    /** Kills the process in a role and confirms it; returns whether it is gone (or was never ours to kill). */
    private boolean killRole(String step, String role, Optional<ProcessRef> ref) {
        String who = "instance " + instance.name() + ", " + role;
        if (ref.isEmpty()) {
            recorder.add(StepResult.of(step, StepStatus.SKIPPED, Duration.ZERO, who + ": no PID recorded"));
            return true;
        }
        long pid = ref.get().pid();
        ProcessLookup lookup = processes.lookup(ref.get());
        if (lookup instanceof ProcessLookup.Found found) {
            ProcessKiller.Result r = ProcessKiller.killAndConfirm(step, role, found.target(), options.killTimeout(), recorder);
            recorder.add(r.step());
            return r.gone();
        }
        if (lookup instanceof ProcessLookup.Unknown) {
            recorder.add(StepResult.of(step, StepStatus.FAILED, Duration.ZERO, pid, who + " PID " + pid
                    + ": not killed because its identity cannot be proven; it may still run"));
            return false;
        }
        String why = lookup instanceof ProcessLookup.NotRunning ? "not running"
                : "left alone: " + lookup.detail();
        recorder.add(StepResult.of(step, StepStatus.SKIPPED, Duration.ZERO, pid, who + " PID " + pid + ": " + why));
        return true;
    }

    private StepResult runExtension(boolean forcedStep) {
        VmTypeExtension ext = extension.orElseThrow();
        long start = System.nanoTime();
        StepResult r;
        try {
            r = forcedStep ? ext.stopVm(instance, extensionContext) : ext.ensureVmStopped(instance, extensionContext);
        } catch (RuntimeException e) {
            r = StepResult.of("extension-" + ext.id(), StepStatus.FAILED, ProcessKiller.since(start),
                    "instance " + instance.name() + ": VM-type extension '" + ext.id() + "' threw " + e);
        }
        recorder.add(r);
        return r;
    }

    private StopReport unexpected(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        recorder.add(StepResult.of("stop", StepStatus.FAILED, Duration.ZERO, "instance " + instance.name()
                + ": unexpected error, stop abandoned where it was: " + cause));
        return recorder.finish(Outcome.FAILED);
    }

    private static String pids(List<ProcessTarget> targets) {
        return targets.stream().map(t -> String.valueOf(t.pid())).collect(Collectors.joining(", "));
    }
}
