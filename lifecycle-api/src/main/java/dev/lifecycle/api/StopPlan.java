// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a stop of one instance would do if it started now — a dry run
 * ({@link InstanceStopper#plan}). Made with the stop's own decisions: the identity check of
 * every recorded process, the choice of whom to interrupt, the order of the forced
 * sequence, the PID-file guard, the disk-lock finder and the stale-file listing. Making it
 * signals nothing, writes nothing and deletes nothing. It is a snapshot: a process may exit
 * or a file appear before the stop runs.
 *
 * @param instance the instance name
 * @param mode the stop mode planned for
 * @param gracePeriod the grace period planned for
 * @param processes every recorded process with its identity verdict
 * @param steps the steps the stop would take, in order, each on its path
 * @param filesToRemove the top-level {@code *.pid}, {@code *.sock} and {@code *.tmp} entries
 *     {@value Steps#REMOVE_STALE_FILES} would remove once every process is confirmed gone
 *     (empty when something keeps them: see {@code kept})
 * @param locksToRelease the disk locks ({@code _disks/<disk>/in_use_by}) of this instance
 *     that {@value Steps#UNLOCK_DISKS} would release once the VM is confirmed gone
 * @param kept what the stop would leave in place and why: a lock held by another instance,
 *     files kept because a PID file cannot be trusted, an instance left alone because a
 *     process cannot be proven
 */
public record StopPlan(String instance, StopMode mode, Duration gracePeriod, List<PlannedProcess> processes,
                       List<PlannedStep> steps, List<Path> filesToRemove, List<Path> locksToRelease,
                       List<String> kept) {

    /** Copies the lists; validates that nothing is null. */
    public StopPlan {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        processes = List.copyOf(processes);
        steps = List.copyOf(steps);
        filesToRemove = List.copyOf(filesToRemove);
        locksToRelease = List.copyOf(locksToRelease);
        kept = List.copyOf(kept);
    }

    /**
     * The plan for people: the processes, the steps with their paths, what would be removed
     * and what kept.
     *
     * @return several lines, e.g. {@code   always  interrupt-host-agent PID 4242: ...}
     */
    public String describe() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(instance).append(": dry run (").append(mode).append(", grace ").append(gracePeriod.toMillis())
                .append(" ms); nothing was signalled or removed");
        for (PlannedProcess p : processes) {
            sb.append(nl).append("  process PID ").append(p.pid()).append(' ').append(p.role())
                    .append(p.pidFile().map(f -> " (" + f.getFileName() + ")").orElse("")).append(": ")
                    .append(p.verdict()).append(" — ").append(p.detail());
        }
        for (PlannedStep s : steps) {
            sb.append(nl).append("  ").append(when(s.when())).append("  ").append(s.step());
            s.pid().ifPresent(pid -> sb.append(" PID ").append(pid));
            sb.append(": ").append(s.action());
        }
        sb.append(nl).append("  would remove: ").append(filesToRemove.isEmpty() ? "nothing"
                : filesToRemove.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", ")));
        sb.append(nl).append("  would release: ").append(locksToRelease.isEmpty() ? "no disk lock"
                : locksToRelease.stream().map(Path::toString).collect(Collectors.joining(", ")));
        kept.forEach(k -> sb.append(nl).append("  kept: ").append(k));
        return sb.toString();
    }

    private static String when(PlannedStep.When when) {
        return switch (when) {
            case ALWAYS -> "always          ";
            case IF_ALL_EXIT -> "if all exit     ";
            case IF_GRACE_EXPIRES -> "if grace expires";
        };
    }
}
