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
        int fd = watch.source().pidfd().orElseThrow(() -> new IllegalArgumentException("PID "
                + watch.source().pid() + " has no pidfd to watch with epoll"));
        // One-shot: the thread deregisters on the event, and a level-triggered fd must not
        // be reported again in the meantime.
        linux.epollAdd(epfd, fd, LinuxLibC.EPOLLIN | LinuxLibC.EPOLLONESHOT, watch.id(), scratch);
        return true;
    }

    @Override
    protected void unregister(ExitWatch watch) {
        int fd = watch.source().pidfd().orElseThrow();
        linux.epollDelete(epfd, fd, scratch);
    }

    @Override
    protected void runLoop() {
        Memory events = new Memory((long) MAX_EVENTS * EpollEvent.SIZE);
        while (true) {
            int n;
            try {
                n = linux.epollWait(epfd, events, MAX_EVENTS, -1);
            } catch (ErrnoException e) {
                if (e.kind() == ErrnoException.Kind.INTERRUPTED) {
                    continue;
                }
                throw e;
            }
            List<ExitWatch> exited = new ArrayList<>(n);
            boolean stop;
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
                // Not waiting in epoll_wait when nothing is watched (see idle()).
                stop = closing() || idle();
            }
            noticed(exited);
            if (stop) {
                return;
            }
        }
    }

    @Override
    protected void wake() {
        linux.eventfdSignal(wakeFd);
    }

    @Override
    protected void releaseResources() {
        linux.close(epfd);
        linux.close(wakeFd);
    }
}
