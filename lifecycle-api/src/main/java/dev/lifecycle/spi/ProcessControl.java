package dev.lifecycle.spi;

import dev.lifecycle.api.ProcessRef;

/**
 * Per-OS process work, found through {@link java.util.ServiceLoader}. The core picks the
 * available provider with the highest {@link #priority()}; the system property
 * {@code lifecycle.processControl} forces one by {@link #id()}.
 *
 * <p>Contract (see {@code docs/spi-contract.md}): {@link #find(ProcessRef)} proves
 * identity before any signal can be sent and, where the OS allows, pins the process so
 * that the PID cannot be reused while the returned {@link ProcessTarget} is open.
 * Implementations are thread-safe, never signal PID 1 or below or the current process,
 * and never throw for a process that has gone: that is a {@link ProcessLookup.NotRunning}
 * or a {@link SignalResult.Status#ALREADY_EXITED}.
 */
public interface ProcessControl {

    /** Priority of the pure-JDK fallback; real providers use more. */
    int FALLBACK_PRIORITY = 0;
    /** Priority of the providers shipped with Lifecycle for their OS. */
    int PLATFORM_PRIORITY = 100;

    /**
     * @return a short stable identifier such as {@code linux}, {@code macos}, {@code windows}, {@code jdk}
     */
    String id();

    /**
     * @return the priority; the highest available provider wins
     */
    int priority();

    /**
     * Probed once and cached; must not throw (a failure to probe is a cause).
     *
     * @return whether the provider works here, and why not
     */
    Availability availability();

    /**
     * Finds the process a reference names and proves it is the same process: its start
     * time must match the recorded start instant, or be no later than the PID file was
     * written (within the provider's clock tolerance).
     *
     * @param ref the process reference
     * @return {@link ProcessLookup.Found} with a pinned target to be closed by the caller,
     *     or why there is none
     */
    ProcessLookup find(ProcessRef ref);

    /**
     * Describes how this provider notices exits, for logs and host apps, e.g.
     * {@code "pidfd+epoll"}, {@code "kqueue"}, {@code "polling (10 ms)"}.
     *
     * @return the exit-watching mechanism in use
     */
    default String exitWatchMechanism() {
        return "unspecified";
    }
}
