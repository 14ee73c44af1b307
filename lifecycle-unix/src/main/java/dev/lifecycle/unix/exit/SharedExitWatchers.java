// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import dev.lifecycle.unix.jna.LinuxNative;
import dev.lifecycle.unix.jna.MacNative;

/**
 * The JVM-wide watchers, created on first use and never closed (their threads are
 * daemons that sleep in the kernel while idle). Shared because {@link java.util.ServiceLoader}
 * creates a new provider object on every lookup: a watcher per provider object would break
 * the "small fixed number of threads" promise. At most one thread per mechanism, and a
 * provider uses one mechanism.
 */
public final class SharedExitWatchers {

    /** How the Linux event watcher notices exits, as {@link ExitWatcher#mechanism()} names it. */
    public static final String EPOLL_MECHANISM = EpollExitWatcher.MECHANISM;
    /** How the macOS event watcher notices exits. */
    public static final String KQUEUE_MECHANISM = KqueueExitWatcher.MECHANISM;
    /** How the polling watcher notices exits, with its schedule. */
    public static final String POLLING_MECHANISM = PollingExitWatcher.mechanism(
            new PollingSchedule(PollingExitWatcher.FIRST_INTERVAL, PollingExitWatcher.MAX_INTERVAL));

    private static EpollExitWatcher epoll;
    private static KqueueExitWatcher kqueue;
    private static PollingExitWatcher polling;

    private SharedExitWatchers() {
    }

    /**
     * @param linux the native calls
     * @return the shared pidfd+epoll watcher
     * @throws dev.lifecycle.unix.jna.ErrnoException if epoll cannot be set up
     */
    public static synchronized ExitWatcher epoll(LinuxNative linux) {
        if (epoll == null) {
            epoll = new EpollExitWatcher(linux);
        }
        return epoll;
    }

    /**
     * @param mac the native calls
     * @return the shared kqueue watcher
     * @throws dev.lifecycle.unix.jna.ErrnoException if the kqueue cannot be created
     */
    public static synchronized ExitWatcher kqueue(MacNative mac) {
        if (kqueue == null) {
            kqueue = new KqueueExitWatcher(new SystemKqueue(mac));
        }
        return kqueue;
    }

    /** @return the shared polling watcher (10 ms, growing to 100 ms) */
    public static synchronized ExitWatcher polling() {
        if (polling == null) {
            polling = new PollingExitWatcher();
        }
        return polling;
    }
}
