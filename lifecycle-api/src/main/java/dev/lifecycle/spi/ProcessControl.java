// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import java.nio.file.Path;
import java.util.Optional;

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
     * Finds the process a reference names and proves, with both kinds of evidence, that it
     * is the instance's: its start time against the reference, and whether it refers to the
     * instance's directory ({@link IdentityRule}, {@link InstanceReference}). The evidence is
     * read while the process is pinned. {@link ProcessLookup.Found} means it may be
     * signalled, {@link ProcessLookup.NotOurs} that it is proven not the instance's,
     * {@link ProcessLookup.Unknown} neither. A PID that names a thread rather than a
     * process, or a kernel thread, is {@link ProcessLookup.NotOurs}.
     *
     * <p>The default reads no evidence: it decides by the start time alone, like
     * {@link #find(ProcessRef)}, and says so in the detail. Lifecycle's providers override it.
     *
     * @param ref the process reference
     * @param owner the instance the process should belong to
     * @return the lookup; a {@link ProcessLookup.Found} target is the caller's to close
     */
    default ProcessLookup find(ProcessRef ref, ExpectedOwner owner) {
        ProcessLookup lookup = find(ref);
        String note = " (provider '" + id() + "' reads no command lines or open files: decided by start time alone)";
        if (lookup instanceof ProcessLookup.Found found) {
            return new ProcessLookup.Found(found.target(), found.detail() + note);
        }
        if (lookup instanceof ProcessLookup.NotOurs) {
            return new ProcessLookup.NotOurs(lookup.detail() + note);
        }
        return lookup;
    }

    /**
     * Finds every process on this machine that refers to an instance directory
     * ({@link InstanceReference}), the current process excepted: the proof, before a PID file
     * that cannot be read is called stale, that nothing of the instance runs. Must not
     * signal anything and must not throw; what could not be read is listed in the result.
     *
     * <p>The default asks the JDK ({@link ReferenceScan#byJdk}): command lines only.
     *
     * @param instanceDirectory the instance directory
     * @return the processes that refer to it
     */
    default ReferenceScan scanReferences(Path instanceDirectory) {
        return ReferenceScan.byJdk(instanceDirectory);
    }

    /**
     * Finds the processes that listen on Unix-domain sockets bound directly inside a
     * directory (not in its subdirectories) — the instance's ssh ControlMaster, virtiofsd or
     * swtpm, which can outlive a killed host agent. Only sockets that are listening count;
     * a process is found by what it holds, never by its name. Where the OS can reach the
     * directory by another path (a symlinked Lima home), a socket bound through either path
     * counts.
     *
     * <p>This only inspects: the caller proves each process again with {@link #find} (by
     * the start instant reported here) before it signals anything. The default finds
     * nothing and says so, for providers that cannot search.
     *
     * @param directory the instance directory
     * @return the listeners found and what could not be searched; never throws
     */
    default SocketListeners socketListeners(Path directory) {
        return SocketListeners.notSearched("process control '" + id()
                + "' cannot tell which process listens on a socket");
    }

    /**
     * Describes how this provider notices exits, for logs and host apps, e.g.
     * {@code "pidfd+epoll"}, {@code "kqueue"}, {@code "polling (10 ms)"}.
     *
     * @return the exit-watching mechanism in use
     */
    default String exitWatchMechanism() {
        return "unspecified";
    }

    /**
     * The operating system this provider is made for, if it is made for one. When a provider
     * made for the host's OS is on the class path but not available here (JNA cannot load, a
     * system call is missing), the core selects a lower one and says so: a warning with the
     * cause, and a first step in every report. A provider for another OS that is unavailable
     * here is not worth a word.
     *
     * @return the OS, or empty for a provider that works on any (the default)
     */
    default Optional<HostOs> hostOs() {
        return Optional.empty();
    }
}
