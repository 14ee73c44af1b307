/**
 * Exit watching: notice that a process has exited by an event, with one thread per
 * mechanism however many processes are watched.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.unix.exit.EpollExitWatcher} (Linux 5.3+): pidfds in one epoll
 *       set; a pidfd turns readable when its process exits, zombie or not.</li>
 *   <li>{@link dev.lifecycle.unix.exit.KqueueExitWatcher} (macOS): {@code EVFILT_PROC} with
 *       {@code NOTE_EXIT}, confirmed against the process's start time.</li>
 *   <li>{@link dev.lifecycle.unix.exit.PollingExitWatcher}: the fallback, a short interval
 *       that grows slowly; forced with {@code -Dlifecycle.unix.exitWatcher=poll}.</li>
 * </ul>
 *
 * <p>Futures complete on the watcher thread: attach slow work with the {@code Async}
 * continuations. {@link dev.lifecycle.unix.exit.SharedExitWatchers} holds the JVM-wide
 * instances.
 */
package dev.lifecycle.unix.exit;
