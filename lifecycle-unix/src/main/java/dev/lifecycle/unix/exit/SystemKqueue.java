// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import com.sun.jna.Memory;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.Kevent;
import dev.lifecycle.unix.jna.MacLibSystem;
import dev.lifecycle.unix.jna.MacNative;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link KqueueChannel} on macOS. Changes are applied with {@code EV_RECEIPT} so
 * that each one reports its own errno ({@code ESRCH}: the process had already exited)
 * instead of mixing with pending events. An {@code EVFILT_USER} event wakes the thread.
 */
final class SystemKqueue implements KqueueChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SystemKqueue.class);
    private static final long WAKE_IDENT = 1;
    private static final int MAX_EVENTS = 64;

    private final MacNative mac;
    private final int kq;
    /** Used only holding the watcher's lock. */
    private final Memory change = new Memory(Kevent.SIZE);
    private final Memory receipt = new Memory(Kevent.SIZE);
    /** Used only by the watcher thread. */
    private final Memory events = new Memory((long) MAX_EVENTS * Kevent.SIZE);

    /**
     * Creates the kqueue and its wake-up event.
     *
     * @param mac the native calls
     * @throws ErrnoException if the kqueue cannot be created
     */
    public SystemKqueue(MacNative mac) {
        this.mac = mac;
        this.kq = mac.kqueue();
        try {
            Kevent.set(change, 0, WAKE_IDENT, MacLibSystem.EVFILT_USER,
                    (short) (MacLibSystem.EV_ADD | MacLibSystem.EV_CLEAR), 0, 0, 0);
            mac.kevent(kq, change, 1, null, 0);
        } catch (ErrnoException e) {
            mac.close(kq);
            throw e;
        }
    }

    @Override
    public boolean addExitFilter(int pid) {
        Kevent.set(change, 0, pid, MacLibSystem.EVFILT_PROC,
                (short) (MacLibSystem.EV_ADD | MacLibSystem.EV_ONESHOT | MacLibSystem.EV_RECEIPT),
                MacLibSystem.NOTE_EXIT, 0, 0);
        int errno = applyWithReceipt();
        if (errno == 0) {
            return true;
        }
        ErrnoException e = mac.receiptFailure("kevent(EV_ADD, EVFILT_PROC, " + pid + ")", errno);
        if (e.kind() == ErrnoException.Kind.NO_SUCH_PROCESS) {
            return false;
        }
        throw e;
    }

    @Override
    public void deleteExitFilter(int pid) {
        Kevent.set(change, 0, pid, MacLibSystem.EVFILT_PROC,
                (short) (MacLibSystem.EV_DELETE | MacLibSystem.EV_RECEIPT), 0, 0, 0);
        int errno = applyWithReceipt();
        if (errno != 0 && errno != MacLibSystem.ENOENT && errno != MacLibSystem.ESRCH) {
            LOG.debug("PID {}: deleting its kqueue exit filter failed: {}", pid,
                    mac.receiptFailure("kevent(EV_DELETE, EVFILT_PROC, " + pid + ")", errno).getMessage());
        }
    }

    private int applyWithReceipt() {
        int n = mac.kevent(kq, change, 1, receipt, 1);
        if (n == 1 && (Kevent.flags(receipt, 0) & MacLibSystem.EV_ERROR) != 0) {
            return (int) Kevent.data(receipt, 0);
        }
        return 0;
    }

    @Override
    public List<Event> await() {
        int n = mac.kevent(kq, null, 0, events, MAX_EVENTS);
        List<Event> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            short filter = Kevent.filter(events, i);
            if (filter == MacLibSystem.EVFILT_USER) {
                result.add(Event.wake());
            } else if (filter == MacLibSystem.EVFILT_PROC) {
                // NOTE_EXIT, or EV_ERROR for the filter: either way the watcher confirms with
                // the process's own status before it reports an exit.
                result.add(Event.exit((int) Kevent.ident(events, i)));
            }
        }
        return result;
    }

    @Override
    public void wake() {
        Kevent.set(change, 0, WAKE_IDENT, MacLibSystem.EVFILT_USER, (short) 0, MacLibSystem.NOTE_TRIGGER, 0, 0);
        mac.kevent(kq, change, 1, null, 0);
    }

    @Override
    public void close() {
        mac.close(kq);
    }
}
