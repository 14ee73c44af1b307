// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.exitwatch;

import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wait thread: blocks in {@code WaitForMultipleObjects} on its wake-up event (index 0)
 * and up to {@link WindowsExitWatcher#HANDLES_PER_GROUP} process handles. New watches are queued
 * and the event set, so the thread rebuilds its array; the array is only ever touched by
 * this thread, and a handle leaves it before the watch gives the handle back, so a handle
 * is never closed while this thread waits on it.
 */
final class WaitGroup implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WaitGroup.class);

    private final WindowsExitWatcher owner;
    private final WindowsNative win;
    private final long wakeEvent;
    private final String name;
    private final Queue<ExitWatch> incoming = new ConcurrentLinkedQueue<>();
    /** Watches in this thread's wait array; this thread only. */
    private final List<ExitWatch> active = new ArrayList<>();
    /** Guarded by this: once true the wake event is closed and nothing more is accepted. */
    private boolean eventClosed;
    private volatile boolean stopping;

    /** Watches given to this group and not yet retired; guarded by the owner's lock. */
    int assigned;
    /** Set under the owner's lock when the thread has ended. */
    boolean ended;

    /**
     * @param owner the watcher
     * @param win the native calls
     * @param wakeEvent an auto-reset event owned (and closed) by this group
     * @param name the thread name
     */
    WaitGroup(WindowsExitWatcher owner, WindowsNative win, long wakeEvent, String name) {
        this.owner = owner;
        this.win = win;
        this.wakeEvent = wakeEvent;
        this.name = name;
    }

    String name() {
        return name;
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * Queues a watch for the next round of waiting.
     *
     * @return false if this group has ended and takes no more
     */
    synchronized boolean add(ExitWatch watch) {
        if (eventClosed) {
            return false;
        }
        incoming.add(watch);
        signal();
        return true;
    }

    /** Makes the thread rebuild its wait array (a watch was added, cancelled or abandoned). */
    synchronized void wake() {
        if (!eventClosed) {
            signal();
        }
    }

    /** Ends the thread after it has abandoned its watches. */
    void stop() {
        stopping = true;
        wake();
    }

    private void signal() {
        if (!win.setEvent(wakeEvent)) {
            LOG.warn("Exit watch {}: SetEvent on its wake-up event failed ({})", name,
                    Win32.errorName(win.getLastError()));
        }
    }

    @Override
    public void run() {
        Throwable failure = null;
        try {
            loop();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Exit watch {} failed; its {} watches are failed and it stops", name, active.size(), e);
        } finally {
            List<ExitWatch> leftovers = new ArrayList<>(active);
            active.clear();
            synchronized (this) {
                eventClosed = true;
                win.closeHandle(wakeEvent);
                for (ExitWatch w; (w = incoming.poll()) != null; ) {
                    leftovers.add(w);
                }
            }
            owner.ended(this, leftovers, failure);
        }
    }

    private void loop() {
        while (true) {
            for (ExitWatch w; (w = incoming.poll()) != null; ) {
                active.add(w);
            }
            active.removeAll(owner.retireIdle(this, active));
            if (stopping) {
                return;
            }
            long[] handles = new long[1 + active.size()];
            handles[0] = wakeEvent;
            for (int i = 0; i < active.size(); i++) {
                handles[i + 1] = active.get(i).handle().value();
            }
            int result = win.waitForMultipleObjects(handles, false, Win32.INFINITE);
            int index = result - Win32.WAIT_OBJECT_0;
            if (index == 0) {
                continue;
            }
            if (index > 0 && index < handles.length) {
                owner.exited(this, active.remove(index - 1));
                continue;
            }
            if (!recover(result, handles.length)) {
                throw new IllegalStateException("exit watch " + name + ": its wake-up event cannot be waited on ("
                        + Win32.errorName(win.getLastError()) + ")");
            }
        }
    }

    /**
     * After a failed wait, finds the handle at fault by waiting on each with a zero timeout.
     *
     * @return false if the wake-up event itself is broken and the thread must end
     */
    private boolean recover(int result, int count) {
        String error = Win32.errorName(win.getLastError());
        LOG.warn("Exit watch {}: WaitForMultipleObjects on {} handles returned {} ({}); checking each handle",
                name, count, result, error);
        if (win.waitForSingleObject(wakeEvent, 0) == Win32.WAIT_FAILED) {
            return false;
        }
        boolean settled = false;
        for (Iterator<ExitWatch> it = active.iterator(); it.hasNext(); ) {
            ExitWatch w = it.next();
            int state = win.waitForSingleObject(w.handle().value(), 0);
            if (state == Win32.WAIT_OBJECT_0) {
                it.remove();
                owner.exited(this, w);
                settled = true;
            } else if (state == Win32.WAIT_FAILED) {
                it.remove();
                owner.failed(this, w, "waiting for PID " + w.pid() + " to exit failed ("
                        + Win32.errorName(win.getLastError()) + ")");
                settled = true;
            }
        }
        if (!settled) {
            // Nothing to blame: fail them all rather than spin on the same failure.
            for (ExitWatch w : active) {
                owner.failed(this, w, "waiting for PID " + w.pid() + " to exit failed (WaitForMultipleObjects: "
                        + error + ")");
            }
            active.clear();
        }
        return true;
    }
}
