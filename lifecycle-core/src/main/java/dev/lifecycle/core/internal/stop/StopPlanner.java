// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.PlannedProcess;
import dev.lifecycle.api.PlannedStep;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopPlan;
import dev.lifecycle.core.internal.disk.DiskLockReleaser;
import dev.lifecycle.core.internal.files.PidFileGuard;
import dev.lifecycle.core.internal.files.StaleFileCleaner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.spi.VmTypeExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dry run of {@link StopRun}: the same decisions on the same evidence, taken by the same
 * code — the identity check ({@link InstanceProcesses#identify}), whom to interrupt
 * ({@link InstanceProcesses#interruptTargets}), the order of the forced sequence
 * ({@link InstanceProcesses#agentMayDriveTheVm}), what each kill would do
 * ({@link ProcessKiller#planned}), the teardown gate ({@link TeardownGate#whyKept}), the
 * disk-lock finder ({@link DiskLockReleaser#inspect}), the socket scan
 * ({@link SocketHolders#scan(dev.lifecycle.api.Instance, ProcessControl)}) and the stale-file listing
 * ({@link StaleFileCleaner#candidates}) — but nothing is signalled, run, written or
 * deleted: a proven process is pinned and released, never signalled; the VM-type
 * extension and the service manager are named, not called.
 */
final class StopPlanner {

    private final ProcessControl control;
    private final AutostartServiceStop autostart;
    private final StaleFileCleaner cleaner = new StaleFileCleaner();
    private final DiskLockReleaser disks = new DiskLockReleaser();

    StopPlanner(ProcessControl control, AutostartServiceStop autostart) {
        this.control = control;
        this.autostart = autostart;
    }

    /** The plan of one instance; see {@link dev.lifecycle.api.InstanceStopper#plan}. */
    StopPlan plan(Instance instance, StopOptions options, Optional<VmTypeExtension> extension) {
        try (InstanceProcesses p = InstanceProcesses.identify(instance, control, options.mode(), step -> { })) {
            return new Plan(instance, options, extension, p).make();
        }
    }

    /** One plan being made. */
    private final class Plan {
        private final Instance instance;
        private final StopOptions options;
        private final Optional<VmTypeExtension> extension;
        private final InstanceProcesses processes;
        private final List<PlannedStep> steps = new ArrayList<>();
        private final List<String> kept = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private final List<Path> locks = new ArrayList<>();
        private SocketHolders.Scan sockets;

        Plan(Instance instance, StopOptions options, Optional<VmTypeExtension> extension, InstanceProcesses processes) {
            this.instance = instance;
            this.options = options;
            this.extension = extension;
            this.processes = processes;
        }

        StopPlan make() {
            if (processes.anyUnprovable()) {
                kept.add("the whole instance, because " + processes.unprovable()
                        + ": nothing of it is signalled, unlocked or removed");
            } else {
                sockets = SocketHolders.scan(instance, control);
                autostart.planned(instance).ifPresent(a -> step(Steps.STOP_AUTOSTART_SERVICE, PlannedStep.When.ALWAYS,
                        OptionalLong.empty(), a));
                List<ProcessTarget> alive = processes.alive();
                if (alive.isEmpty()) {
                    extensionStep(PlannedStep.When.ALWAYS, true);
                    teardown(PlannedStep.When.ALWAYS);
                } else if (options.mode() == StopMode.FORCED_ONLY) {
                    forced(PlannedStep.When.ALWAYS);
                } else {
                    graceful(alive);
                }
                findTeardown();
            }
            return new StopPlan(instance.name(), options.mode(), options.gracePeriod(), planned(), steps, files, locks,
                    kept);
        }

        private void graceful(List<ProcessTarget> alive) {
            InstanceProcesses.ShutdownRequest request = processes.shutdownRequest();
            for (ProcessTarget t : request.targets()) {
                step(request.step(), PlannedStep.When.ALWAYS, OptionalLong.of(t.pid()),
                        request.step().equals(Steps.POWERDOWN_VM)
                                ? "the host agent is gone: ask the guest to power off over QMP (system_powerdown on"
                                        + " qmp.sock), as the agent would"
                                : "send the " + roleOf(t.pid()) + " the graceful interrupt (" + control.id()
                                        + " provider)");
            }
            step(Steps.AWAIT_GRACEFUL_EXIT, PlannedStep.When.ALWAYS, OptionalLong.empty(), "wait up to "
                    + options.gracePeriod().toMillis() + " ms for PID " + StopRun.pids(alive) + " to exit");
            extensionStep(PlannedStep.When.IF_ALL_EXIT, false);
            teardown(PlannedStep.When.IF_ALL_EXIT);
            if (options.mode() == StopMode.GRACEFUL_ONLY) {
                step(Steps.AWAIT_GRACEFUL_EXIT, PlannedStep.When.IF_GRACE_EXPIRES, OptionalLong.empty(), "nothing more"
                        + " (graceful only): the processes are left running, nothing is unlocked or removed, FAILED");
            } else {
                forced(PlannedStep.When.IF_GRACE_EXPIRES);
            }
        }

        /** Upstream Lima's forced order, as {@code StopRun.forced} takes it. */
        private void forced(PlannedStep.When when) {
            kill(Steps.KILL_DRIVER, when, "driver", instance.driver());
            extensionStep(when, true);
            List<ProcessRef> servers = instance.driverServers().stream().filter(s -> !isDriver(s)).toList();
            if (servers.isEmpty()) {
                step(Steps.STOP_DRIVER_SERVERS, when, OptionalLong.empty(), "nothing: no external driver servers");
            }
            servers.forEach(s -> kill(Steps.STOP_DRIVER_SERVERS, when, "driver server", Optional.of(s)));
            if (InstanceProcesses.agentMayDriveTheVm(instance)) {
                killHostAgent(when);
                unlockDisks(when);
            } else {
                unlockDisks(when);
                killHostAgent(when);
            }
            stopSocketHolders(when);
            removeStaleFiles(when);
        }

        private void killHostAgent(PlannedStep.When when) {
            Optional<ProcessRef> agent = instance.hostAgent();
            if (agent.isPresent() && isDriver(agent.get())) {
                step(Steps.KILL_HOST_AGENT, when, OptionalLong.of(agent.get().pid()), "nothing: the host agent is also"
                        + " the driver (" + instance.vmType() + "), killed in " + Steps.KILL_DRIVER);
            } else {
                kill(Steps.KILL_HOST_AGENT, when, "host agent", agent);
            }
        }

        private void kill(String step, PlannedStep.When when, String role, Optional<ProcessRef> ref) {
            step(step, when, ref.map(r -> OptionalLong.of(r.pid())).orElse(OptionalLong.empty()),
                    ProcessKiller.planned(role, ref, processes));
        }

        private void teardown(PlannedStep.When when) {
            unlockDisks(when);
            stopSocketHolders(when);
            removeStaleFiles(when);
        }

        private void stopSocketHolders(PlannedStep.When when) {
            List<SocketHolders.Holder> leftovers = sockets.leftovers();
            step(Steps.STOP_SOCKET_HOLDERS, when, OptionalLong.empty(), leftovers.isEmpty()
                    ? "stop helpers left listening on the instance's sockets (ssh ControlMaster, virtiofsd, swtpm),"
                            + " if any are then; none listens now"
                    : "stop the helpers left listening on the instance's sockets: " + leftovers.stream()
                            .map(h -> "PID " + h.pid() + " (" + h.socketNames() + ")").collect(Collectors.joining(", ")));
        }

        private void unlockDisks(PlannedStep.When when) {
            step(Steps.UNLOCK_DISKS, when, OptionalLong.empty(), "release the locks listed as to be released, once the"
                    + " VM is confirmed gone");
        }

        private void removeStaleFiles(PlannedStep.When when) {
            step(Steps.REMOVE_STALE_FILES, when, OptionalLong.empty(), "remove the files listed as to be removed, once"
                    + " every process is confirmed gone");
        }

        private void extensionStep(PlannedStep.When when, boolean stopVm) {
            extension.ifPresent(e -> step(e.id() + (stopVm ? ":stop-vm" : ":ensure-vm-stopped"), when,
                    OptionalLong.empty(), "the " + e.id() + " extension " + (stopVm ? "stops the VM if it still runs"
                            : "confirms the VM is stopped") + "; disks and files stay if it cannot"));
        }

        /**
         * What the teardown would find now: the gate decides with the running, proven
         * processes counted as handled (the stop confirms them gone before it gets there, or
         * fails and keeps everything), then the lock finder and the file listing say what
         * would go.
         */
        private void findTeardown() {
            Set<Long> handled = instance.processes().stream()
                    .filter(r -> processes.lookup(r) instanceof ProcessLookup.Found)
                    .map(ProcessRef::pid).collect(Collectors.toSet());
            TeardownGate gate = new TeardownGate(instance, new PidFileGuard(control), step -> { },
                    processes::provenStale);
            // While the instance runs its own processes hold its sockets; once nothing does, a
            // holder of one is a process of the instance nobody recorded, and keeps everything.
            String why = gate.whyKept(handled.isEmpty() ? sockets.instanceStillRuns() : List.of(), handled);
            DiskLockReleaser.Inspection found = disks.inspect(instance);
            for (DiskLockReleaser.Lock lock : found.locks()) {
                if (!lock.ours()) {
                    kept.add(lock.message());
                } else if (why.isEmpty()) {
                    locks.add(lock.lock());
                }
            }
            found.unlisted().ifPresent(u -> kept.add(u + ": locks of disks lima.yaml does not name may remain"));
            if (!why.isEmpty()) {
                kept.add("every disk lock and file, because " + why);
                return;
            }
            try {
                files.addAll(cleaner.candidates(instance));
            } catch (IOException e) {
                kept.add("the files: cannot list " + instance.directory() + ": " + e);
            }
        }

        private List<PlannedProcess> planned() {
            List<PlannedProcess> planned = new ArrayList<>();
            for (ProcessRef ref : instance.processes()) {
                ProcessLookup lookup = processes.lookup(ref);
                planned.add(new PlannedProcess(ref.pid(), processes.role(ref), ref.pidFile(), verdict(lookup),
                        lookup.detail()));
            }
            return planned;
        }

        private String roleOf(long pid) {
            return instance.processes().stream().filter(r -> r.pid() == pid).findFirst().map(processes::role)
                    .orElse("process");
        }

        private boolean isDriver(ProcessRef ref) {
            return instance.driver().filter(d -> d.pid() == ref.pid()).isPresent();
        }

        private void step(String step, PlannedStep.When when, OptionalLong pid, String action) {
            steps.add(new PlannedStep(step, when, pid, action));
        }
    }

    private static PlannedProcess.Verdict verdict(ProcessLookup lookup) {
        if (lookup instanceof ProcessLookup.Found) {
            return PlannedProcess.Verdict.RUNNING;
        }
        if (lookup instanceof ProcessLookup.NotRunning) {
            return PlannedProcess.Verdict.NOT_RUNNING;
        }
        if (lookup instanceof ProcessLookup.NotOurs) {
            return PlannedProcess.Verdict.NOT_OURS;
        }
        return lookup instanceof ProcessLookup.Refused ? PlannedProcess.Verdict.NEVER_SIGNALLED
                : PlannedProcess.Verdict.UNKNOWN;
    }
}
