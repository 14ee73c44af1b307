// SPDX-License-Identifier: Apache-2.0
/**
 * Exit watching: notice that a process has exited by an event, with one thread per
 * mechanism however many processes are watched.
 *
 * <ul>
 *   <li>{@code EpollExitWatcher} (Linux 5.3+): pidfds in one epoll
 *       set; a pidfd turns readable when its process exits, zombie or not.</li>
 *   <li>{@code KqueueExitWatcher} (macOS): {@code EVFILT_PROC} with
 *       {@code NOTE_EXIT}, confirmed against the process's start time.</li>
 *   <li>{@code PollingExitWatcher}: the fallback, a short interval
 *       that grows slowly; forced with {@code -Dlifecycle.unix.exitWatcher=poll}.</li>
 * </ul>
 *
 * <p>Futures complete on the watcher's own thread, with no hand-off to another executor;
 * callers attach work only with the {@code Async} continuations (the rule of
 * {@link dev.lifecycle.spi.ProcessTarget#onExit()}).
 * {@link dev.lifecycle.unix.exit.SharedExitWatchers} holds the JVM-wide instances.
 */
package dev.lifecycle.unix.exit;
