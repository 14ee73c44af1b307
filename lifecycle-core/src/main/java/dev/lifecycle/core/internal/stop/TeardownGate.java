// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.core.internal.files.PidFileGuard;
import dev.lifecycle.core.internal.lima.InstanceDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one place that decides whether an instance's disks may be unlocked, the helpers left
 * on its sockets stopped and its stale files removed: only when its directory is a Lima
 * instance's (it has a {@code lima.yaml}), nothing of the instance may still run and every
 * PID file left can be trusted. Unlocking a disk under a running VM, or deleting the PID file of a live process,
 * could corrupt the disk or hide the VM. A refusal is recorded as a REFUSED step that says why.
 */
final class TeardownGate {

    /** Why something may still run, for the refusal messages. */
    static final String VM_MAY_RUN = "the VM may still run";

    private final Instance instance;
    private final PidFileGuard guard;
    private final Consumer<StepResult> recorder;
    private final Supplier<Set<Path>> provenStale;

    /**
     * @param provenStale the PID files that could not be read and were proven stale when the
     *     processes were identified
     */
    TeardownGate(Instance instance, PidFileGuard guard, Consumer<StepResult> recorder, Supplier<Set<Path>> provenStale) {
        this.instance = instance;
        this.guard = guard;
        this.recorder = recorder;
        this.provenStale = provenStale;
    }

    /**
     * Decides whether the given steps may run; if not, records each as REFUSED.
     *
     * @param steps {@link Steps#UNLOCK_DISKS}, {@link Steps#STOP_SOCKET_HOLDERS} and/or
     *     {@link Steps#REMOVE_STALE_FILES}
     * @param mayStillRun what may still run, in words; any entry refuses the steps
     * @param handledPids PIDs the stop itself killed and confirmed gone, so the PID-file guard
     *     need not prove them again
     * @return true if the steps may run
     */
    boolean allows(List<String> steps, List<String> mayStillRun, Set<Long> handledPids) {
        String why = whyKept(mayStillRun, handledPids);
        if (why.isEmpty()) {
            return true;
        }
        for (String step : steps) {
            String kept = Steps.UNLOCK_DISKS.equals(step) ? "disks left locked"
                    : Steps.STOP_SOCKET_HOLDERS.equals(step) ? "socket holders left running" : "files kept";
            recorder.accept(StepResult.of(step, StepStatus.REFUSED, Duration.ZERO, kept + " because " + why));
        }
        return false;
    }

    /**
     * The decision alone, recording nothing (a dry run asks this).
     *
     * @param mayStillRun what may still run, in words
     * @param handledPids PIDs the stop itself handles
     * @return why disks and files must stay, or empty if they may go
     */
    String whyKept(List<String> mayStillRun, Set<Long> handledPids) {
        List<String> reasons = new ArrayList<>(mayStillRun);
        // A directory that is no instance (a wrong Lima home) is never cleaned, whatever ran in it.
        InstanceDirectory.notAnInstance(instance.directory()).ifPresent(reasons::add);
        return reasons.isEmpty() ? untrusted(guard.blockers(instance, handledPids, provenStale.get()))
                : String.join(" and ", reasons);
    }

    private static String untrusted(List<String> blockers) {
        return blockers.isEmpty() ? "" : String.join("; ", blockers)
                + ". Check the process list, and remove a PID file by hand once it is stale";
    }
}
