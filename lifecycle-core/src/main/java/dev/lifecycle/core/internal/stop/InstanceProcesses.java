// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.internal.files.UnreadablePidFiles;
import dev.lifecycle.core.internal.lima.LimaRoles;
import dev.lifecycle.core.internal.lima.PidFile;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The identity check of every recorded process of one instance, done once before any
 * signal, with both kinds of evidence (start time, and what the process refers to), the
 * pinned targets it produced, and the verdict on the PID files that could not be read.
 * A target whose exit was seen has its pin released at once ({@link #release}), so that a
 * large stop holds pins only for what still runs (each is a file descriptor on Linux);
 * closing it releases every pin left.
 */
final class InstanceProcesses implements AutoCloseable {

    private final Instance instance;
    private final Map<Long, ProcessLookup> byPid = new LinkedHashMap<>();
    /** Unreadable PID files proven stale: they may go with the other files. */
    private final Set<Path> provenStale = new HashSet<>();
    /** Why an unreadable PID file leaves the instance in doubt, if one does. */
    private final List<String> unreadableInDoubt = new ArrayList<>();
    /** Targets confirmed gone, their pins released; written by whichever thread saw the exit. */
    private final Set<ProcessTarget> released = ConcurrentHashMap.newKeySet();

    private InstanceProcesses(Instance instance) {
        this.instance = instance;
    }

    /**
     * Looks up and proves every process of the instance, recording one identify step each,
     * then judges the PID files that could not be read, recording one identify step each.
     */
    static InstanceProcesses identify(Instance instance, ProcessControl control, StopMode mode,
                                      Consumer<StepResult> recorder) {
        InstanceProcesses p = new InstanceProcesses(instance);
        for (ProcessRef ref : instance.processes()) {
            long start = System.nanoTime();
            ProcessLookup lookup = find(control, ref, LimaRoles.owner(instance, ref));
            p.byPid.put(ref.pid(), lookup);
            StepStatus status;
            String what;
            if (lookup instanceof ProcessLookup.Found) {
                status = StepStatus.SUCCEEDED;
                what = "running and identity proven";
            } else if (lookup instanceof ProcessLookup.NotRunning) {
                status = StepStatus.SKIPPED;
                what = "not running";
            } else if (lookup instanceof ProcessLookup.NotOurs) {
                status = StepStatus.REFUSED;
                what = "PID now names a process that is not the instance's; it will not be signalled, the"
                        + " instance's process is gone";
            } else if (lookup instanceof ProcessLookup.Refused) {
                status = StepStatus.REFUSED;
                what = "never signalled";
            } else {
                status = StepStatus.FAILED;
                what = "identity cannot be proven; nothing of the instance is signalled, unlocked or removed";
            }
            recorder.accept(StepResult.of(Steps.IDENTIFY, status, Duration.ofNanos(System.nanoTime() - start), ref.pid(),
                    p.role(ref) + ref.pidFile().map(f -> " (from " + f.getFileName() + ")").orElse("") + ": " + what
                            + " — " + lookup.detail()));
        }
        p.judgeUnreadablePidFiles(control, mode, recorder);
        return p;
    }

    /**
     * A PID file that could not be read may be the only record of a running host agent: it
     * is called stale only when nothing of the instance runs, and removed only when the
     * mode may force.
     */
    private void judgeUnreadablePidFiles(ProcessControl control, StopMode mode, Consumer<StepResult> recorder) {
        long start = System.nanoTime();
        Set<Long> handled = byPid.entrySet().stream().filter(e -> e.getValue() instanceof ProcessLookup.Found)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        UnreadablePidFiles.Finding finding;
        try {
            finding = new UnreadablePidFiles(control).inspect(instance, handled);
        } catch (RuntimeException e) {
            unreadableInDoubt.add("the PID files could not be checked: " + e);
            recorder.accept(StepResult.of(Steps.IDENTIFY, StepStatus.FAILED, Duration.ofNanos(System.nanoTime() - start),
                    "the PID files could not be checked (" + e + "); nothing is signalled, unlocked or removed"));
            return;
        }
        OptionalLong firstReferrer = finding.referrers().isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(finding.referrers().get(0).pid());
        for (PidFile.Invalid file : finding.files()) {
            String name = file.file().getFileName().toString();
            StepStatus status;
            String message;
            if (!finding.provenStale()) {
                status = StepStatus.FAILED;
                message = file.reason() + ": it could not be read, and something of the instance runs: "
                        + finding.evidence() + ". Nothing is signalled, unlocked or removed; check "
                        + finding.referrers().stream().map(r -> "`ps -o pid,lstart,args -p " + r.pid() + "`")
                        .collect(Collectors.joining(", ")) + (finding.referrers().isEmpty() ? "who listens on "
                        + UnreadablePidFiles.HOST_AGENT_SOCKET : "") + ", and stop it or repair " + name;
                unreadableInDoubt.add(name + " could not be read while "
                        + (finding.referrers().isEmpty() ? "something listens on " + UnreadablePidFiles.HOST_AGENT_SOCKET
                        : "PID " + finding.referrers().stream().map(r -> String.valueOf(r.pid()))
                        .collect(Collectors.joining(", ")) + " refers to the instance"));
            } else if (mode == StopMode.GRACEFUL_ONLY) {
                status = StepStatus.REFUSED;
                message = file.reason() + "; " + finding.evidence() + ", but a graceful-only stop never removes a PID"
                        + " file: remove it by hand or stop with --force";
            } else if (Files.isDirectory(file.file(), LinkOption.NOFOLLOW_LINKS)) {
                status = StepStatus.REFUSED;
                message = file.reason() + "; " + finding.evidence() + ", but a directory is never removed: remove it"
                        + " by hand";
            } else {
                status = StepStatus.SKIPPED;
                message = file.reason() + "; " + finding.evidence() + ": it is stale and is removed with the other files";
                provenStale.add(file.file());
            }
            recorder.accept(new StepResult(Steps.IDENTIFY, status, Duration.ofNanos(System.nanoTime() - start),
                    status == StepStatus.FAILED ? firstReferrer : OptionalLong.empty(), message));
        }
    }

    /** The provider's lookup; a provider that throws proves nothing, so the process may still run. */
    static ProcessLookup find(ProcessControl control, ProcessRef ref, ExpectedOwner owner) {
        try {
            return control.find(ref, owner);
        } catch (RuntimeException e) {
            return new ProcessLookup.Unknown("provider '" + control.id() + "' failed to check identity: " + e);
        }
    }

    /** @return {@code driver}, {@code driver server}, {@code host agent}, joined with {@code and} for one process in two roles */
    String role(ProcessRef ref) {
        List<String> roles = new ArrayList<>();
        if (instance.driver().filter(d -> d.pid() == ref.pid()).isPresent()) {
            roles.add("driver");
        }
        if (instance.driverServers().stream().anyMatch(s -> s.pid() == ref.pid())) {
            roles.add("driver server");
        }
        if (instance.hostAgent().filter(h -> h.pid() == ref.pid()).isPresent()) {
            roles.add("host agent");
        }
        return String.join(" and ", roles);
    }

    /** The pinned target for a reference, if its process is running and proven. */
    Optional<ProcessTarget> target(ProcessRef ref) {
        ProcessLookup lookup = byPid.get(ref.pid());
        return lookup instanceof ProcessLookup.Found found ? Optional.of(found.target()) : Optional.empty();
    }

    /**
     * How the stop asks the instance to shut down, decided once for the stop and its dry run:
     * the host agent's interrupt if it runs; for an orphaned QEMU (agent gone) a QMP
     * {@code system_powerdown}, as the agent would do it — SIGINT would end QEMU at once, the
     * guest unaware; another orphaned driver, or only driver servers, get their graceful
     * interrupt, which is all there is.
     *
     * @param step {@link Steps#INTERRUPT_HOST_AGENT}, {@link Steps#POWERDOWN_VM} or {@link Steps#INTERRUPT_DRIVER}
     * @param targets the running, proven processes it goes to (one, except driver servers)
     */
    record ShutdownRequest(String step, List<ProcessTarget> targets) {
    }

    /** @return how to ask; called only when a process of the instance runs */
    ShutdownRequest shutdownRequest() {
        Optional<ProcessTarget> agent = alive(instance.hostAgent());
        if (agent.isPresent()) {
            return new ShutdownRequest(Steps.INTERRUPT_HOST_AGENT, List.of(agent.get()));
        }
        Optional<ProcessTarget> driver = alive(instance.driver());
        if (driver.isPresent() && VmType.QEMU.equals(instance.vmType())) {
            return new ShutdownRequest(Steps.POWERDOWN_VM, List.of(driver.get()));
        }
        return new ShutdownRequest(Steps.INTERRUPT_DRIVER, driver.map(List::of).orElseGet(() -> instance.driverServers()
                .stream().map(this::target).flatMap(Optional::stream).filter(ProcessTarget::isAlive)
                .collect(Collectors.toList())));
    }

    private Optional<ProcessTarget> alive(Optional<ProcessRef> ref) {
        return ref.flatMap(this::target).filter(ProcessTarget::isAlive);
    }

    /**
     * Whether the VM may live in the host agent — no driver PID is recorded, or the agent is
     * the driver (VZ) — so that the forced sequence kills the agent before it releases a disk.
     *
     * @param instance the instance
     * @return true when the agent goes before {@code unlock-disks}
     */
    static boolean agentMayDriveTheVm(Instance instance) {
        return instance.driver().isEmpty()
                || instance.hostAgent().filter(h -> h.pid() == instance.driver().get().pid()).isPresent();
    }

    /** The lookup for a reference. */
    ProcessLookup lookup(ProcessRef ref) {
        return byPid.get(ref.pid());
    }

    /** Targets still alive now. */
    List<ProcessTarget> alive() {
        return identified().stream().filter(t -> !released.contains(t) && t.isAlive()).collect(Collectors.toList());
    }

    /**
     * A target of this instance was seen to exit: its pin is released now rather than when
     * the stop ends. It counts as gone from then on, and is never signalled again.
     *
     * @param target the target; one not found by this identification is left to its owner
     */
    void release(ProcessTarget target) {
        if (identified().contains(target) && released.add(target)) {
            target.close();
        }
    }

    /** @return whether the target's exit was seen and its pin released */
    boolean isReleased(ProcessTarget target) {
        return released.contains(target);
    }

    /** Targets found running and proven at identification, whether they have exited since or not. */
    List<ProcessTarget> identified() {
        List<ProcessTarget> found = new ArrayList<>();
        for (ProcessLookup l : byPid.values()) {
            if (l instanceof ProcessLookup.Found f) {
                found.add(f.target());
            }
        }
        return found;
    }

    /**
     * True if any process could not be proven either way — a recorded one whose identity is
     * Unknown, or one a PID file that could not be read may name: it may still run, unseen.
     */
    boolean anyUnprovable() {
        return !unreadableInDoubt.isEmpty() || byPid.values().stream().anyMatch(ProcessLookup.Unknown.class::isInstance);
    }

    /** @return why the instance is in doubt, in words, naming the PIDs; empty if it is not */
    String unprovable() {
        List<String> why = new ArrayList<>();
        byPid.forEach((pid, lookup) -> {
            if (lookup instanceof ProcessLookup.Unknown) {
                why.add("the identity of PID " + pid + " could not be proven");
            }
        });
        why.addAll(unreadableInDoubt);
        return String.join(" and ", why);
    }

    /** @return the PID files that could not be read and were proven stale */
    Set<Path> provenStale() {
        return Set.copyOf(provenStale);
    }

    @Override
    public void close() {
        for (ProcessLookup l : byPid.values()) {
            if (l instanceof ProcessLookup.Found found) {
                found.target().close();
            }
        }
    }
}
