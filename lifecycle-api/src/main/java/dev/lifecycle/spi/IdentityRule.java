// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.ProcessRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The identity rule with both kinds of evidence, written once for every provider: the
 * start time against the PID file ({@link StartTimeCheck}), which the wall clock can fool,
 * and what the process refers to ({@link InstanceReference}), which it cannot. Two separate
 * questions get two separate answers:
 * <ul>
 *   <li><b>May we signal it?</b> Only if it refers to this instance; or, for a role whose
 *       command line Lima does not fix, if its start time is consistent with the PID file.
 *       A process that refers to another instance is never signalled.</li>
 *   <li><b>May we count it as gone?</b> Only if it is proven not to be the instance's: it
 *       refers to another instance, or its start time is inconsistent and it refers to no
 *       instance.</li>
 * </ul>
 * Anything in between is {@link Verdict#UNKNOWN}. Where the evidence cannot be read, the
 * start-time rule decides alone, and the detail says so. A process that is an ancestor of
 * this one (a shell, an IDE that launched the host app) is never the instance's.
 */
public final class IdentityRule {

    /** The answer to both questions at once. */
    public enum Verdict {
        /** The process is the instance's: it may be signalled (and is not gone). */
        OURS,
        /** Proven not the instance's: never signalled, and the instance's own process counts as gone. */
        NOT_OURS,
        /** Neither proven: never signalled, never counted as gone. */
        UNKNOWN
    }

    /**
     * A decision and its reasons.
     *
     * @param verdict the answer
     * @param detail what was compared and what agreed or disagreed, naming the PID; for
     *     {@link Verdict#UNKNOWN} also what to check
     */
    public record Decision(Verdict verdict, String detail) {
        /** Validates that nothing is null. */
        public Decision {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * The lookup this decision makes: {@link ProcessLookup.Found} with a target made only
         * for {@link Verdict#OURS}, {@link ProcessLookup.NotOurs} or {@link ProcessLookup.Unknown}.
         *
         * @param target makes the pinned target, called only when the process is ours
         * @return the lookup, with this decision's detail
         */
        public ProcessLookup lookup(Supplier<ProcessTarget> target) {
            switch (verdict) {
                case OURS:
                    return new ProcessLookup.Found(target.get(), detail);
                case NOT_OURS:
                    return new ProcessLookup.NotOurs(detail);
                default:
                    return new ProcessLookup.Unknown(detail);
            }
        }
    }

    /** How far up the chain of parents is looked. */
    private static final int MAX_ANCESTORS = 64;

    private IdentityRule() {
    }

    /**
     * Decides whether a running process is the referenced one.
     *
     * @param ref the reference, with its start-time evidence
     * @param owner the instance it should belong to
     * @param actualStart the start time the OS reports for the PID now
     * @param tolerance the allowed clock error of the start-time check
     * @param evidence what the process names, as read while it was pinned
     * @return the decision
     */
    public static Decision decide(ProcessRef ref, ExpectedOwner owner, Instant actualStart, Duration tolerance,
                                  ProcessEvidence evidence) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(evidence, "evidence");
        Optional<String> ancestor = ancestorOfThisProcess(ref.pid());
        if (ancestor.isPresent()) {
            return new Decision(Verdict.NOT_OURS, ancestor.get());
        }
        Optional<String> mismatch = StartTimeCheck.mismatch(ref, actualStart, tolerance);
        String time = mismatch.orElseGet(() -> consistent(ref, actualStart));
        InstanceReference reference = InstanceReference.of(evidence, owner.instanceDirectory());
        String pid = "PID " + ref.pid();
        switch (reference.kind()) {
            case THIS_INSTANCE:
                return new Decision(Verdict.OURS, pid + " refers to this instance: " + reference.detail()
                        + (mismatch.isPresent() ? "; its start time disagrees (" + disagreement(ref, actualStart)
                        + "), which a step of the wall clock explains: the process names this instance and counts"
                        + " as its own" : ""));
            case OTHER_INSTANCE:
                return new Decision(Verdict.NOT_OURS, pid + " belongs to another instance: " + reference.detail()
                        + "; it is never signalled (a copied instance directory must never stop the original)");
            case THIS_AND_OTHER:
                return new Decision(Verdict.UNKNOWN, pid + " refers both to this instance and to another: "
                        + reference.detail() + ". Check the process with `ps -o pid,lstart,args -p " + ref.pid() + "`");
            case UNREADABLE:
                return new Decision(mismatch.isPresent() ? Verdict.NOT_OURS : Verdict.OURS, time
                        + " (decided by start time alone: its command line and open files could not be read: "
                        + reference.detail() + ")");
            default:
                break;
        }
        if (mismatch.isPresent()) {
            return new Decision(Verdict.NOT_OURS, time + ", and " + reference.detail());
        }
        if (!owner.namesInstance()) {
            return new Decision(Verdict.OURS, time + " (Lima does not fix this process's command line, so the start"
                    + " time decides; " + reference.detail() + ")");
        }
        return new Decision(Verdict.UNKNOWN, time + ", but " + reference.detail() + ", while the process Lima"
                + " records there always names its own instance directory: the PID may have been reused by an"
                + " unrelated process after the clock was set back. Check `ps -o pid,lstart,args -p " + ref.pid()
                + "`; if it is not this instance's, remove "
                + ref.pidFile().map(p -> p.toString()).orElse("the PID file") + " by hand and stop again");
    }

    /**
     * Whether a PID names an ancestor of this process (its parent, the shell or IDE above
     * it): such a process is never an instance's, and signalling it would end the caller.
     *
     * @param pid the PID
     * @return why it is never the instance's, if it is an ancestor
     */
    public static Optional<String> ancestorOfThisProcess(long pid) {
        // Walking the chain reads procfs once per ancestor; most PIDs asked about are not
        // among the ancestors ever seen, and those need no walk (see FirstSeenAncestors).
        if (!FirstSeenAncestors.PIDS.contains(pid)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        int depth = 0;
        while (p.isPresent() && depth++ < MAX_ANCESTORS) {
            ProcessHandle h = p.get();
            if (h.pid() == pid) {
                return Optional.of("PID " + pid + " is an ancestor of this process ("
                        + h.info().command().orElse("command unknown") + ") and is never an instance's process");
            }
            p = h.parent();
        }
        return Optional.empty();
    }

    /**
     * The PIDs of this process's ancestors when first asked. Ancestors only ever leave the
     * chain: when one exits, this process is re-parented to an older one (a subreaper above
     * it, or init), never to a process that was not already its ancestor. So a PID not in
     * this set is no ancestor now, and one in it is checked again by a fresh walk, because
     * it may have exited and been reused since.
     */
    private static final class FirstSeenAncestors {
        static final Set<Long> PIDS = walk();

        private static Set<Long> walk() {
            Set<Long> pids = new HashSet<>();
            Optional<ProcessHandle> p = ProcessHandle.current().parent();
            int depth = 0;
            while (p.isPresent() && depth++ < MAX_ANCESTORS) {
                pids.add(p.get().pid());
                p = p.get().parent();
            }
            return Set.copyOf(pids);
        }
    }

    private static String disagreement(ProcessRef ref, Instant actualStart) {
        return "it started at " + actualStart + ", " + ref.startInstant().map(s -> "not at its recorded start " + s)
                .orElseGet(() -> "after " + ref.pidFile().map(p -> p.getFileName().toString()).orElse("its PID file")
                        + " was written at " + ref.startedNoLaterThan().orElseThrow());
    }

    private static String consistent(ProcessRef ref, Instant actualStart) {
        return "PID " + ref.pid() + " started at " + actualStart + ", "
                + ref.startInstant().map(s -> "matching its recorded start " + s)
                .orElseGet(() -> "no later than " + ref.pidFile().map(p -> p.getFileName().toString())
                        .orElse("its PID file") + " was written (" + ref.startedNoLaterThan().orElseThrow() + ")");
    }
}
