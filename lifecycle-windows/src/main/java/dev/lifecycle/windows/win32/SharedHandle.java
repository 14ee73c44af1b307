// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import java.util.function.LongConsumer;

/**
 * A native handle shared by its owner (a process target) and its borrowers (a signal in
 * progress, an exit watch), closed exactly once, when the owner has closed it and the last
 * borrower has returned it. This is what makes closing a target safe while another thread
 * still waits on, or is about to terminate through, the same handle value: Windows reuses
 * handle values, so a premature {@code CloseHandle} could point a later wait or a later
 * {@code TerminateProcess} at a different object.
 */
public final class SharedHandle {

    private final long value;
    private final LongConsumer closer;
    private int users = 1;
    private boolean closed;

    /**
     * @param value the open handle, owned by the caller until {@link #close()}
     * @param closer what closes it ({@code CloseHandle})
     */
    public SharedHandle(long value, LongConsumer closer) {
        if (value == 0) {
            throw new IllegalArgumentException("a NULL handle cannot be shared");
        }
        this.value = value;
        this.closer = closer;
    }

    /** @return the handle value; use it only between {@link #borrow()} and {@link #giveBack()} */
    public long value() {
        return value;
    }

    /**
     * Borrows the handle so that it stays open until {@link #giveBack()}.
     *
     * @return false if the owner has closed it already (do not use the value then)
     */
    public synchronized boolean borrow() {
        if (closed) {
            return false;
        }
        users++;
        return true;
    }

    /** Returns a borrowed handle; closes it if the owner is done and this was the last borrower. */
    public void giveBack() {
        release();
    }

    /** The owner is done: closes the handle now, or when the last borrower gives it back. Idempotent. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        release();
    }

    /** @return true once the owner has closed it (the native handle may still be open for a borrower) */
    public synchronized boolean isClosed() {
        return closed;
    }

    private void release() {
        boolean last;
        synchronized (this) {
            if (users == 0) {
                throw new IllegalStateException("handle " + value + " given back more often than borrowed");
            }
            last = --users == 0;
        }
        if (last) {
            closer.accept(value);
        }
    }
}
