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
 *   <li>{@link dev.lifecycle.unix.exit} — exit watchers: pidfd+epoll, kqueue, polling; one
 *       thread per mechanism for the whole JVM.</li>
 *   <li>{@link dev.lifecycle.unix.jna} — raw JNA bindings and thin errno wrappers.</li>
 * </ul>
 *
 * <p>Each provider probes once whether it works here and keeps the cause when it does not;
 * nothing native is touched before that. Exit futures complete on a watcher thread: use
 * the {@code Async} continuations for anything slow.
 */
package dev.lifecycle.unix;
