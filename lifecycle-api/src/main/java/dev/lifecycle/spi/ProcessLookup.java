// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.util.Objects;

/** The result of {@link ProcessControl#find(dev.lifecycle.api.ProcessRef)}. */
public sealed interface ProcessLookup {

    /** @return a human-readable account, naming the PID */
    String detail();

    /**
     * The process is running and is the one referenced; the target is pinned until closed.
     *
     * @param target the pinned process
     * @param detail what was proven
     */
    record Found(ProcessTarget target, String detail) implements ProcessLookup {
        /** Validates that nothing is null. */
        public Found {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * No process has the PID any more (a zombie counts as exited).
     *
     * @param detail what was seen
     */
    record NotRunning(String detail) implements ProcessLookup {
        /** Validates that nothing is null. */
        public NotRunning {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A process has the PID but is proven not to be the referenced one: it started later
     * and refers to no instance (the PID was reused), it refers to another instance, or it
     * is a thread, a kernel thread or an ancestor of the caller. It must be left alone; the
     * instance's own process is gone.
     *
     * @param detail the evidence, such as both start times
     */
    record NotOurs(String detail) implements ProcessLookup {
        /** Validates that nothing is null. */
        public NotOurs {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The PID must never be signalled: PID 1 or below, or the current process.
     *
     * @param detail why
     */
    record Refused(String detail) implements ProcessLookup {
        /** Validates that nothing is null. */
        public Refused {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Identity could not be proven either way (no permission to inspect, an OS error, or
     * evidence that disagrees: a start time consistent with the PID file but a command line
     * that names no instance). The process must be left alone and counted as possibly
     * running; the detail says what disagreed and what to check.
     *
     * @param detail why
     */
    record Unknown(String detail) implements ProcessLookup {
        /** Validates that nothing is null. */
        public Unknown {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
