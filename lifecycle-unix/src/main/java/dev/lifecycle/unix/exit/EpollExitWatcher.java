// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import com.sun.jna.Memory;
import dev.lifecycle.unix.jna.EpollEvent;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.LinuxLibC;
import dev.lifecycle.unix.jna.LinuxNative;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux: one thread in {@code epoll_wait} over the pidfds of every watched process. A
 * pidfd becomes readable when its process exits (a zombie has exited), and one that is
 * already readable when it is added is reported at once, so a process that exited before
 * registration is noticed without a special case.
 *
 * <p>Registration ({@code EPOLL_CTL_ADD}) happens on the caller's thread, which epoll
 * allows while another thread waits. Each registration carries a unique id as its user
 * data, never the descriptor number, because a closed pidfd's number is soon reused. An
 * eventfd wakes the thread for {@link #close()}.
 *
 * <p>A process with no pidfd (the pidfd budget was spent when it was found) is watched by
 * the same thread: it is checked with {@link ExitSource#hasExited()} on the polling schedule
 * ({@value PollingExitWatcher#FIRST_MS} ms, growing to {@value PollingExitWatcher#MAX_MS} ms),
 * and {@code epoll_wait} waits no longer than the next check is due. One thread serves
 * both, so a batch larger than the descriptor budget adds no thread.
 */
final class EpollExitWatcher extends AbstractExitWatcher {

    /** The mechanism name. */
    public static final String MECHANISM = "pidfd+epoll";

    private static final long WAKE_ID = 0;
    private static final int MAX_EVENTS = 64;

    private final LinuxNative linux;
    private final int epfd;
    private final int wakeFd;
    /** For epoll_ctl, which is only called holding the lock. */
    private final Memory scratch = new Memory(EpollEvent.SIZE);
    /** Watches without a pidfd; guarded by lock. */
    private final PollingSlots polled = new PollingSlots(new PollingSchedule(PollingExitWatcher.FIRST_INTERVAL,
            PollingExitWatcher.MAX_INTERVAL));

    /**
     * Creates the epoll instance and its wake-up eventfd; the thread starts with the first watch.
     *
     * @param linux the native calls
     * @throws ErrnoException if the descriptors cannot be created
     */
    public EpollExitWatcher(LinuxNative linux) {
        super("lifecycle-exit-watcher-epoll");
        this.linux = linux;
        this.epfd = linux.epollCreate();
        int efd;
        try {
            efd = linux.eventfd();
            linux.epollAdd(epfd, efd, LinuxLibC.EPOLLIN, WAKE_ID, scratch);
        } catch (ErrnoException e) {
            linux.close(epfd);
            throw e;
        }
        this.wakeFd = efd;
    }

    @Override
    public String mechanism() {
        return MECHANISM;
    }

    @Override
    protected boolean register(ExitWatch watch) {
        if (watch.source().pidfd().isEmpty()) {
            polled.add(watch.id());
            wake(); // the thread may be in an epoll_wait with no timeout: it must check this one at once
            return true;
        }
        int fd = watch.source().pidfd().getAsInt();
        // One-shot: the thread deregisters on the event, and a level-triggered fd must not
        // be reported again in the meantime.
        linux.epollAdd(epfd, fd, LinuxLibC.EPOLLIN | LinuxLibC.EPOLLONESHOT, watch.id(), scratch);
        return true;
    }

    @Override
    protected void unregister(ExitWatch watch) {
        if (polled.remove(watch.id())) {
            return;
        }
        linux.epollDelete(epfd, watch.source().pidfd().orElseThrow(), scratch);
    }

    @Override
    protected void runLoop() {
        Memory events = new Memory((long) MAX_EVENTS * EpollEvent.SIZE);
        while (true) {
            int timeout;
            synchronized (lock) {
                timeout = millisToNextCheck();
            }
            int n;
            try {
                n = linux.epollWait(epfd, events, MAX_EVENTS, timeout);
            } catch (ErrnoException e) {
                if (e.kind() == ErrnoException.Kind.INTERRUPTED) {
                    continue;
                }
                throw e;
            }
            List<ExitWatch> exited = new ArrayList<>(n);
            List<Long> due;
            synchronized (lock) {
                for (int i = 0; i < n; i++) {
                    long id = EpollEvent.data(events, i);
                    if (id == WAKE_ID) {
                        linux.eventfdDrain(wakeFd); // level-triggered: readable until drained
                        continue;
                    }
                    ExitWatch watch = activeWatch(id);
                    // A stale id (watch stopped after epoll_wait returned) is simply ignored.
                    if (watch != null && retire(watch)) {
                        exited.add(watch);
                    }
                }
                due = polled.due(System.nanoTime());
            }
            checkPolled(due, exited);
            boolean stop;
            synchronized (lock) {
                // Not waiting in epoll_wait when nothing is watched (see idle()).
                stop = closing() || idle();
            }
            noticed(exited);
            if (stop) {
                return;
            }
        }
    }

    /** @return how long epoll_wait may wait: until the next check of a watch without pidfd, else for ever (-1) */
    private int millisToNextCheck() {
        long nanos = polled.nanosToNext(System.nanoTime());
        if (nanos == Long.MAX_VALUE) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000); // rounded up: never early
    }

    /**
     * Checks the due watches without pidfd, taking the lock for one watch at a time (a
     * thousand checks read /proc a thousand times, and registrations must not wait for all
     * of them).
     */
    private void checkPolled(List<Long> due, List<ExitWatch> exited) {
        for (long id : due) {
            synchronized (lock) {
                ExitWatch watch = activeWatch(id);
                if (watch != null && polled.check(watch)) {
                    retire(watch);
                    exited.add(watch);
                }
            }
        }
    }

    @Override
    protected void wake() {
        linux.eventfdSignal(wakeFd);
    }

    @Override
    protected void releaseResources() {
        polled.clear();
        linux.close(epfd);
        linux.close(wakeFd);
    }
}
