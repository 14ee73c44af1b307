// SPDX-License-Identifier: Apache-2.0
/**
 * The Linux and macOS {@link dev.lifecycle.spi.ProcessControl} providers, found through
 * {@link java.util.ServiceLoader} on the class path and the module path.
 *
 * <p>Architecture, in three layers that depend downward only:
 * <ul>
 *   <li>this package — {@link dev.lifecycle.unix.LinuxProcessControl} and
 *       {@link dev.lifecycle.unix.MacProcessControl} over a shared {@code UnixProcessControl}
 *       (refusals, the identity rule) and {@code UnixProcessTarget} (signals through a
 *       {@code ProcessPin}, {@code onExit} shared among callers). A pin is a pidfd on Linux
 *       5.3+, else the PID with its start time re-checked before each {@code kill(2)}.
 *       Per-OS inspectors read start times: {@code /proc/<pid>/stat} on Linux,
 *       {@code proc_pidinfo} on macOS.</li>
 *   <li>{@code dev.lifecycle.unix.exit} — exit watchers: pidfd+epoll, kqueue, polling; one
 *       thread per mechanism for the whole JVM.</li>
 *   <li>{@code dev.lifecycle.unix.jna} — raw JNA bindings and thin errno wrappers.</li>
 * </ul>
 *
 * <p>Each platform is probed once per JVM ({@code LinuxPlatform}, {@code MacPlatform}),
 * for real, and the cause is kept when it does not work here; nothing native is touched
 * before that, and the provider objects {@link java.util.ServiceLoader} creates only read
 * the result. Native calls go through thin wrappers that turn {@code -1} and errno into a
 * typed {@code ErrnoException}. Exit futures complete on the
 * watcher's own thread; callers attach work only with the {@code Async} continuations.
 * These are the shared rules of docs/architecture.md §7.
 */
package dev.lifecycle.unix;
