// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.ProcessRole;
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
import dev.lifecycle.core.internal.lima.HostAgentLog;
import dev.lifecycle.core.internal.qemu.QemuPowerdown;
import dev.lifecycle.core.internal.qemu.QmpConnection;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SocketListener;
import dev.lifecycle.spi.SocketListeners;
import dev.lifecycle.spi.VmTypeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Stops one instance: identify, interrupt, wait against the deadline, then either finish
 * the graceful path or run the forced sequence. Waiting holds no thread: it is a future
 * completed by the provider's exit watcher or by the shared timer, and the forced sequence
 * is a chain of steps that moves on when the exit of the process it killed is seen, so the
 * runs of a large batch advance together. Each run is used once.
 */
final class StopRun {

    /** The step of what concerns the whole stop: its start, a cancellation before the wait, its end. */
    private static final String STOP_STEP = "stop";

    /** What to do after the graceful phase. */
    private enum Next { LEFT_ALONE, ALREADY_STOPPED, WAIT, GRACEFUL_DONE, FORCE }

    private final Instance instance;
    private final StopOptions options;
    private final ProcessControl control;
    private final Optional<VmTypeExtension> extension;
    private final StopThreads threads;
    private final StopRecorder recorder;
    private final CoreExtensionContext extensionContext;
    private final StopBatch batch;
    private final TeardownGate gate;
    private final AutostartServiceStop autostart;
    private volatile boolean stoppedByService;
    private final StaleFileCleaner cleaner = new StaleFileCleaner();
    private final DiskLockReleaser disks = new DiskLockReleaser();
    private volatile InstanceProcesses processes;
    private volatile ProcessKiller killer;
    /** Whether the wait recorded the cancellation, so that the finish does not say it twice. */
    private volatile boolean cancelRecorded;
    /** The size of {@code ha.stdout.log} before the host agent was interrupted, if it was. */
    private volatile OptionalLong agentLogEnd = OptionalLong.empty();
    private volatile boolean agentInterrupted;
    /** The QMP connection of {@code powerdown-vm}, kept open until the stop ends for QEMU's SHUTDOWN event. */
    private volatile QmpConnection qmp;
    /** QEMU exited during the wait, but not because the guest powered off. */
    private volatile boolean endedByOthers;
    /** A disk lock, a socket holder or a stale file could not be removed: the stop left something behind. */
    private volatile boolean leftBehind;

    StopRun(Instance instance, StopOptions options, ProcessControl control, Optional<VmTypeExtension> extension,
            StopThreads threads, StopRecorder recorder, CoreExtensionContext extensionContext, StopBatch batch,
            AutostartServiceStop autostart) {
        this.instance = instance;
        this.options = options;
        this.control = control;
        this.extension = extension;
        this.threads = threads;
        this.recorder = recorder;
        this.extensionContext = extensionContext;
        this.batch = batch;
        this.gate = new TeardownGate(instance, new PidFileGuard(control), recorder::add, () -> {
            InstanceProcesses p = processes;
            return p == null ? Set.of() : p.provenStale();
        });
        this.autostart = autostart;
    }

    /**
     * Starts the stop.
     *
     * @param clock the batch's grace clock, told when this run's interrupts are sent
     * @return the report, never completed exceptionally
     */
    CompletableFuture<StopReport> start(GraceClock clock) {
        // The exits are watched from the moment of the interrupt, not from the start of the
        // batch's grace period: a run whose processes exit early finishes while the batch still
        // interrupts the others, instead of queueing behind every other run at the clock's start.
        return CompletableFuture.supplyAsync(this::identifyAndInterrupt, threads.workers())
                .whenComplete((next, e) -> clock.interruptsSent())
                .thenCompose(next -> next == Next.WAIT ? awaitGraceful(clock.deadlineNanos())
                        : CompletableFuture.completedFuture(next))
                .thenComposeAsync(this::finish, threads.workers())
                .exceptionally(this::unexpected)
                .whenComplete((r, e) -> {
                    InstanceProcesses p = processes;
                    if (p != null) {
                        p.close();
                    }
                    QmpConnection c = qmp;
                    if (c != null) {
                        c.close();
                    }
                });
    }

    // ---- graceful phase -------------------------------------------------------------

    /** Identifies the processes and interrupts; says whether to wait, force, or finish at once. */
    private Next identifyAndInterrupt() {
        recorder.event(StopEvent.Type.STOP_STARTED, STOP_STEP, OptionalLong.empty(), "stopping (" + options.mode()
                + ", grace " + options.gracePeriod().toMillis() + " ms)");
        processes = InstanceProcesses.identify(instance, control, options.mode(), recorder::add);
        killer = new ProcessKiller(processes, options.killTimeout(), recorder, threads);
        if (processes.anyUnprovable()) {
            // One process in doubt puts the whole instance in doubt: a stop that signals the rest
            // could still unlock or delete under it, and what is in doubt may be the host agent.
            return Next.LEFT_ALONE;
        }
        boolean wasRunning = !processes.alive().isEmpty();
        // Before any signal: a service manager would undo our stop by starting the instance again.
        OptionalLong provenAgent = instance.hostAgent().filter(a -> processes.lookup(a) instanceof ProcessLookup.Found)
                .map(a -> OptionalLong.of(a.pid())).orElse(OptionalLong.empty());
        stoppedByService = autostart.stopIfManaged(instance, provenAgent, options.commandTimeout(), recorder);
        List<ProcessTarget> alive = processes.alive();
        if (alive.isEmpty()) {
            // Waiting on exits that already happened records how the processes went.
            return stoppedByService && wasRunning ? Next.WAIT : Next.ALREADY_STOPPED;
        }
        if (options.mode() == StopMode.FORCED_ONLY || batch.isCancelled()) {
            return Next.FORCE;
        }
        return askToShutDown() ? Next.WAIT : Next.FORCE;
    }

    /** Asks the instance to shut down the way Lima would; true if the request was delivered. */
    private boolean askToShutDown() {
        InstanceProcesses.ShutdownRequest request = processes.shutdownRequest();
        if (request.step().equals(Steps.INTERRUPT_HOST_AGENT)) {
            agentLogEnd = HostAgentLog.end(instance.directory());
            agentInterrupted = true;
            return interrupt(Steps.INTERRUPT_HOST_AGENT, request.targets().get(0));
        }
        if (request.step().equals(Steps.POWERDOWN_VM)) {
            return powerDown(request.targets().get(0));
        }
        boolean anyDelivered = false;
        for (ProcessTarget t : request.targets()) {
            anyDelivered |= interrupt(Steps.INTERRUPT_DRIVER, t);
        }
        return anyDelivered;
    }

    private String whatNext() {
        return options.mode() == StopMode.GRACEFUL_ONLY ? "; graceful only was requested, so nothing more is tried"
                : "; going on to the forced stop";
    }

    /**
     * QMP {@code system_powerdown} on the instance's own {@code qmp.sock}, and only if the
     * process listening there (where the provider can tell) is the driver this stop proved.
     */
    private boolean powerDown(ProcessTarget driver) {
        long start = System.nanoTime();
        Optional<String> foreign = foreignQmpListener(driver.pid());
        QemuPowerdown.Request r = foreign.isPresent() ? new QemuPowerdown.NotSent(foreign.get())
                : QemuPowerdown.request(instance.directory(), deadlineAfter(start, options.commandTimeout()));
        if (r instanceof QemuPowerdown.Sent sent) {
            qmp = sent.connection();
            recorder.event(StopEvent.Type.SIGNAL_SENT, Steps.POWERDOWN_VM, OptionalLong.of(driver.pid()),
                    "QMP system_powerdown sent: the guest is asked to power off");
            recorder.add(StepResult.of(Steps.POWERDOWN_VM, StepStatus.SUCCEEDED, ProcessKiller.since(start),
                    driver.pid(), "the host agent is gone; asked the guest to power off (QMP system_powerdown on "
                            + QemuPowerdown.QMP_SOCKET + "), as the agent does"));
            return true;
        }
        recorder.add(StepResult.of(Steps.POWERDOWN_VM, StepStatus.FAILED, ProcessKiller.since(start), driver.pid(),
                "could not ask the guest to power off: " + ((QemuPowerdown.NotSent) r).reason() + whatNext()));
        return false;
    }

    private Optional<String> foreignQmpListener(long driverPid) {
        SocketListeners listeners;
        try {
            listeners = control.socketListeners(instance.directory());
        } catch (RuntimeException e) {
            return Optional.empty(); // cannot tell: the proven driver and the socket in its directory suffice
        }
        return listeners.listeners().stream()
                .filter(l -> QemuPowerdown.QMP_SOCKET.equals(String.valueOf(l.socket().getFileName())))
                .map(SocketListener::pid).filter(pid -> pid != driverPid).findFirst()
                .map(pid -> QemuPowerdown.QMP_SOCKET + " is held by PID " + pid + ", not by the driver (PID "
                        + driverPid + "), so it is not used");
    }

    /** {@code start + timeout} on the {@link System#nanoTime()} scale, saturating for absurd timeouts. */
    static long deadlineAfter(long startNanos, Duration timeout) {
        long cap = Long.MAX_VALUE / 4; // some 73 years: never reached, never overflows
        long nanos = timeout.compareTo(Duration.ofNanos(cap)) > 0 ? cap : timeout.toNanos();
        return startNanos + nanos;
    }

    private boolean interrupt(String step, ProcessTarget t) {
        long start = System.nanoTime();
        SignalResult r;
        try {
            r = t.interrupt(new InterruptRequest(instance.name(), roleOf(t), options.commandTimeout()));
        } catch (RuntimeException e) {
            r = new SignalResult(SignalResult.Status.FAILED, "interrupt threw " + e);
        }
        StepStatus status = switch (r.status()) {
            case DELIVERED, ALREADY_EXITED -> StepStatus.SUCCEEDED;
            case TIMED_OUT -> StepStatus.TIMED_OUT;
            case NOT_PERMITTED, NO_CHANNEL, FAILED -> StepStatus.FAILED;
        };
        String next = status == StepStatus.SUCCEEDED ? "" : whatNext();
        if (r.status() == SignalResult.Status.DELIVERED) {
            recorder.event(StopEvent.Type.SIGNAL_SENT, step, OptionalLong.of(t.pid()), r.detail());
        }
        recorder.add(StepResult.of(step, status, ProcessKiller.since(start), t.pid(), r.detail() + next));
        return status == StepStatus.SUCCEEDED;
    }

    private ProcessRole roleOf(ProcessTarget t) {
        if (instance.hostAgent().filter(h -> h.pid() == t.pid()).isPresent()) {
            return ProcessRole.HOST_AGENT;
        }
        return instance.driver().filter(d -> d.pid() == t.pid()).isPresent() ? ProcessRole.DRIVER
                : ProcessRole.DRIVER_SERVER;
    }

    /**
     * Waits for every identified process to exit, or for the batch's deadline, whichever
     * comes first. The watches start at once; the deadline is known only once the whole batch
     * has sent its interrupts, and the timer is set then.
     */
    private CompletableFuture<Next> awaitGraceful(CompletableFuture<Long> deadlineNanos) {
        long start = System.nanoTime();
        // Every process found at identification, not a snapshot of those alive now: one that
        // exited between the interrupt and this wait is watched too (its watch completes at
        // once) and gets its PROCESS_EXITED like the others.
        List<ProcessTarget> identified = processes.identified();
        CompletableFuture<Next> done = new CompletableFuture<>();
        List<CompletableFuture<?>> exits = new ArrayList<>();
        List<CompletableFuture<?>> watches = new ArrayList<>();
        for (ProcessTarget t : identified) {
            CompletableFuture<java.time.Instant> watch = t.onExit();
            watches.add(watch);
            // Async: the listener must never run on (and stall) the provider's exit watcher thread.
            exits.add(watch.whenCompleteAsync((at, e) -> {
                if (e == null) {
                    recorder.processExited(Steps.AWAIT_GRACEFUL_EXIT, t.pid(), "exited");
                    processes.release(t);
                }
            }, threads.workers()));
        }
        CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> done.complete(Next.GRACEFUL_DONE));
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        deadlineNanos.thenAccept(deadline -> {
            long delay = Math.max(0, deadline - System.nanoTime());
            ScheduledFuture<?> t = threads.timer().schedule(() -> done.complete(Next.FORCE), delay, TimeUnit.NANOSECONDS);
            timer.set(t);
            if (done.isDone()) {
                t.cancel(false); // the exits won before the timer was set; the end below may not have seen it
            }
        });
        Runnable onCancel = () -> done.complete(Next.FORCE);
        batch.onCancel(onCancel);
        // On the workers: the timer ends the waits of a whole batch at once, and each end reads state.
        return done.whenCompleteAsync((next, e) -> {
            ScheduledFuture<?> set = timer.get();
            if (set != null) {
                set.cancel(false);
            }
            batch.removeOnCancel(onCancel);
            watches.forEach(f -> f.cancel(false)); // unregister from the exit watcher
            List<ProcessTarget> left = processes.alive();
            // An exit the watch had not yet reported when the wait ended (its watch was just
            // cancelled, or its event is still queued) is published here; the recorder keeps it once.
            identified.stream().filter(t -> !left.contains(t))
                    .forEach(t -> recorder.processExited(Steps.AWAIT_GRACEFUL_EXIT, t.pid(), "exited"));
            Duration took = ProcessKiller.since(start);
            if (left.isEmpty()) {
                recorder.add(StepResult.of(Steps.AWAIT_GRACEFUL_EXIT, StepStatus.SUCCEEDED, took, howTheyExited()));
            } else if (batch.isCancelled()) {
                cancelRecorded = true;
                recorder.add(StepResult.of(Steps.AWAIT_GRACEFUL_EXIT, StepStatus.CANCELLED, took,
                        "stop cancelled while waiting; " + leftRunning(left)));
            } else {
                String pids = pids(left);
                String why = "grace period of " + options.gracePeriod().toMillis() + " ms expired";
                recorder.event(StopEvent.Type.GRACE_PERIOD_EXPIRED, Steps.AWAIT_GRACEFUL_EXIT, OptionalLong.empty(),
                        why + "; still running: PID " + pids);
                recorder.add(StepResult.of(Steps.AWAIT_GRACEFUL_EXIT, StepStatus.TIMED_OUT, took,
                        why + " with PID " + pids + " still running"));
            }
        }, threads.workers()).thenApply(next -> processes.alive().isEmpty() ? Next.GRACEFUL_DONE : Next.FORCE);
    }

    /**
     * Says only what is known about why the processes exited: the evidence of a clean
     * shutdown is the one Lima itself uses — the host agent's {@code exiting} event, or
     * QEMU's {@code SHUTDOWN} event from the guest. Without it they merely exited while the
     * stop waited (another stop may have killed them).
     */
    private String howTheyExited() {
        QmpConnection c = qmp;
        if (c != null) {
            QemuPowerdown.Ending ending = QemuPowerdown.ending(c);
            if (ending.guestPoweredOff()) {
                return "QEMU exited after " + ending.account();
            }
            endedByOthers = true;
            return "QEMU exited while the stop waited, but the guest did not power off: " + ending.account();
        }
        if (stoppedByService && !agentInterrupted) {
            // systemctl stop / launchctl bootout return once the service manager saw the unit stop.
            return "every process exited after the service manager stopped the service";
        }
        if (!agentInterrupted) {
            return "every process exited after the interrupt";
        }
        if (agentLogEnd.isPresent() && HostAgentLog.exitedCleanlySince(instance.directory(), agentLogEnd.getAsLong())) {
            return "every process exited after the interrupt, and the host agent logged its clean exit"
                    + " (the \"exiting\" event in " + HostAgentLog.FILE_NAME + ")";
        }
        return "every process exited while the stop waited; the host agent logged no \"exiting\" event in "
                + HostAgentLog.FILE_NAME + " since the stop interrupted it, so whether they shut down cleanly or were ended by"
                + " something else is not known";
    }

    // ---- after the graceful phase --------------------------------------------------

    private CompletableFuture<StopReport> finish(Next next) {
        switch (next) {
            case LEFT_ALONE:
                return CompletableFuture.completedFuture(finishUnforced(Outcome.FAILED));
            case ALREADY_STOPPED:
                return CompletableFuture.completedFuture(finishUnforced(Outcome.ALREADY_STOPPED));
            case GRACEFUL_DONE:
                // STOPPED_GRACEFULLY for an orphaned QEMU means the guest powered off.
                return CompletableFuture.completedFuture(
                        finishUnforced(endedByOthers ? Outcome.STOPPED_FORCIBLY : Outcome.STOPPED_GRACEFULLY));
            default:
                if (batch.isCancelled()) {
                    if (!cancelRecorded) {
                        recorder.add(StepResult.of(STOP_STEP, StepStatus.CANCELLED, Duration.ZERO,
                                "stop cancelled before the forced sequence; " + leftRunning(processes.alive())));
                    }
                    return CompletableFuture.completedFuture(recorder.finish(Outcome.CANCELLED));
                }
                if (options.mode() == StopMode.GRACEFUL_ONLY) {
                    return CompletableFuture.completedFuture(recorder.finish(Outcome.FAILED));
                }
                return forced();
        }
    }

    /**
     * No process was left to kill: the VM-type extension still checks the VM (a VM found
     * running without its agent is stopped, which makes the stop a forced one), then disks
     * and files go if the gate allows.
     */
    private StopReport finishUnforced(Outcome outcome) {
        boolean wasAlreadyStopped = outcome == Outcome.ALREADY_STOPPED;
        List<String> mayStillRun = new ArrayList<>();
        if (processes.anyUnprovable()) {
            mayStillRun.add(processes.unprovable() + "; nothing of the instance was signalled");
        } else if (extension.isPresent()) {
            StepResult vm = runExtension(wasAlreadyStopped);
            if (!vmStopped(vm)) {
                mayStillRun.add(TeardownGate.VM_MAY_RUN);
            } else if (wasAlreadyStopped && vm.status() == StepStatus.SUCCEEDED) {
                outcome = Outcome.STOPPED_FORCIBLY;
            }
        }
        SocketHolders.Scan scan = mayStillRun.isEmpty() ? holders().scan() : null;
        if (scan != null) {
            mayStillRun.addAll(scan.instanceStillRuns());
        }
        if (!gate.allows(List.of(Steps.UNLOCK_DISKS, Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES),
                mayStillRun, Set.of())) {
            return recorder.finish(Outcome.FAILED);
        }
        unlockDisks();
        stopSocketHolders(scan);
        return removeStaleFilesAndFinish(outcome);
    }

    // ---- forced sequence (upstream Lima's StopForcibly, each exit confirmed) -----------

    /**
     * The forced sequence as a chain: each step starts on the worker pool once the step
     * before it ended — a kill once its process's exit was seen or the kill timeout passed —
     * and no thread waits in between.
     */
    private CompletableFuture<StopReport> forced() {
        return killer.kill(Steps.KILL_DRIVER, "driver", instance.driver()).thenComposeAsync(driverGone -> {
            boolean vmGone = extension.isEmpty() || vmStopped(runExtension(true));
            return stopDriverServers().thenComposeAsync(serversGone -> {
                if (InstanceProcesses.agentMayDriveTheVm(instance)) {
                    // No driver PID, or the agent is the driver (VZ): the VM may live in the agent, so
                    // no disk is released before the agent is confirmed gone (Lima's order would).
                    return killHostAgent(driverGone).thenApplyAsync(agentGone -> {
                        unlockDisksOnceTheVmIsGone(driverGone && vmGone && serversGone && agentGone);
                        return removeStaleFilesOnceAllIsGone(vmGone, driverGone && serversGone && agentGone);
                    }, threads.workers());
                }
                unlockDisksOnceTheVmIsGone(driverGone && vmGone && serversGone);
                return killHostAgent(driverGone).thenApplyAsync(agentGone ->
                        removeStaleFilesOnceAllIsGone(vmGone, driverGone && serversGone && agentGone), threads.workers());
            }, threads.workers());
        }, threads.workers());
    }

    /** One server after the other, as Lima does: each kill confirmed before the next. */
    private CompletableFuture<Boolean> stopDriverServers() {
        if (instance.driverServers().isEmpty()) {
            recorder.add(StepResult.of(Steps.STOP_DRIVER_SERVERS, StepStatus.SKIPPED, Duration.ZERO,
                    "no external driver servers"));
        }
        CompletableFuture<Boolean> gone = CompletableFuture.completedFuture(true);
        for (ProcessRef server : instance.driverServers()) {
            if (!isDriver(server)) {
                gone = gone.thenComposeAsync(before -> killer.kill(Steps.STOP_DRIVER_SERVERS, "driver server",
                        Optional.of(server)).thenApply(killed -> before && killed), threads.workers());
            }
        }
        return gone;
    }

    private void unlockDisksOnceTheVmIsGone(boolean vmGone) {
        // The processes about to be killed are the stop's own: the guard checks only the other PID files.
        Set<Long> handled = instance.processes().stream().map(ProcessRef::pid).collect(Collectors.toSet());
        if (gate.allows(List.of(Steps.UNLOCK_DISKS), vmGone ? List.of() : List.of(TeardownGate.VM_MAY_RUN), handled)) {
            unlockDisks();
        }
    }

    /** The host agent goes last, so that it cannot restart the driver. */
    private CompletableFuture<Boolean> killHostAgent(boolean driverGone) {
        Optional<ProcessRef> agent = instance.hostAgent();
        if (agent.isEmpty() || !isDriver(agent.get())) {
            return killer.kill(Steps.KILL_HOST_AGENT, "host agent", agent);
        }
        recorder.add(StepResult.of(Steps.KILL_HOST_AGENT, driverGone ? StepStatus.SKIPPED : StepStatus.FAILED,
                Duration.ZERO, agent.get().pid(), "host agent is also the driver (" + instance.vmType() + "): "
                        + (driverGone ? "already killed in " + Steps.KILL_DRIVER : "it survived " + Steps.KILL_DRIVER)));
        return CompletableFuture.completedFuture(driverGone);
    }

    private StopReport removeStaleFilesOnceAllIsGone(boolean vmGone, boolean killedGone) {
        // Name each reason: with WSL2 the VM (the distro) can outlive every process of the instance.
        List<String> mayStillRun = new ArrayList<>();
        if (!vmGone) {
            mayStillRun.add(TeardownGate.VM_MAY_RUN);
        }
        List<ProcessTarget> alive = processes.alive();
        if (!killedGone || processes.anyUnprovable() || !alive.isEmpty()) {
            mayStillRun.add("a process of the instance may still run" + (alive.isEmpty() ? "" : " (PID " + pids(alive) + ")"));
        }
        SocketHolders.Scan scan = mayStillRun.isEmpty() ? holders().scan() : null;
        if (scan != null) {
            mayStillRun.addAll(scan.instanceStillRuns());
        }
        // Now that the handled processes are gone, every PID file is checked, theirs included.
        if (!gate.allows(List.of(Steps.STOP_SOCKET_HOLDERS, Steps.REMOVE_STALE_FILES), mayStillRun, Set.of())) {
            return recorder.finish(Outcome.FAILED);
        }
        stopSocketHolders(scan);
        return removeStaleFilesAndFinish(Outcome.STOPPED_FORCIBLY);
    }

    private boolean isDriver(ProcessRef ref) {
        return instance.driver().filter(d -> d.pid() == ref.pid()).isPresent();
    }

    // ---- teardown, once the gate allowed it ----------------------------------------

    private void unlockDisks() {
        List<StepResult> steps = disks.release(instance, msg -> recorder.event(StopEvent.Type.DISK_UNLOCKED,
                Steps.UNLOCK_DISKS, OptionalLong.empty(), msg));
        recorder.addAll(steps);
        if (steps.stream().anyMatch(r -> r.status().isProblem())) {
            leftBehind = true;
        }
    }

    private SocketHolders holders() {
        return new SocketHolders(instance, control, killer, recorder);
    }

    private void stopSocketHolders(SocketHolders.Scan scan) {
        boolean mayKill = options.mode() != StopMode.GRACEFUL_ONLY;
        if (!holders().stop(scan, options.killTimeout(), options.commandTimeout(), mayKill)) {
            leftBehind = true;
        }
    }

    /**
     * The one finish of a stop that got this far: the outcome stands only if nothing was left
     * behind — a disk still locked, a helper still running or a file not removed is FAILED,
     * and its step says what is left and how to remove it.
     */
    private StopReport removeStaleFilesAndFinish(Outcome outcome) {
        StepResult r = cleaner.clean(instance, p -> recorder.event(StopEvent.Type.FILE_REMOVED,
                Steps.REMOVE_STALE_FILES, OptionalLong.empty(), "removed " + p));
        recorder.add(r);
        return recorder.finish(r.status().isProblem() || leftBehind ? Outcome.FAILED : outcome);
    }

    // ---- the VM-type extension -----------------------------------------------------

    /** Whether the extension's step leaves the VM stopped (a refusal does not). */
    private static boolean vmStopped(StepResult vm) {
        return !(vm.status().isProblem() || vm.status() == StepStatus.REFUSED);
    }

    private StepResult runExtension(boolean forcedStep) {
        VmTypeExtension ext = extension.orElseThrow();
        long start = System.nanoTime();
        StepResult r;
        try {
            r = forcedStep ? ext.stopVm(instance, extensionContext) : ext.ensureVmStopped(instance, extensionContext);
        } catch (RuntimeException e) {
            r = StepResult.of("extension-" + ext.id(), StepStatus.FAILED, ProcessKiller.since(start),
                    "VM-type extension '" + ext.id() + "' threw " + e);
        }
        recorder.add(r);
        return r;
    }

    private StopReport unexpected(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        recorder.add(StepResult.of(STOP_STEP, StepStatus.FAILED, Duration.ZERO,
                "unexpected error, stop abandoned where it was: " + cause));
        return recorder.finish(Outcome.FAILED);
    }

    /** What a cancelled stop leaves: nothing more is signalled, unlocked or removed. */
    private static String leftRunning(List<ProcessTarget> alive) {
        return "nothing more is forced, unlocked or removed" + (alive.isEmpty() ? ""
                : "; left running as they are: PID " + pids(alive));
    }

    static String pids(List<ProcessTarget> targets) {
        return targets.stream().map(t -> String.valueOf(t.pid())).collect(Collectors.joining(", "));
    }
}
