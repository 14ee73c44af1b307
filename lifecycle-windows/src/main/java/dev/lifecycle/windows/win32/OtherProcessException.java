// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

/**
 * {@code OpenProcess(pid)} opened a process whose PID is not the one asked for. Windows
 * ignores the two low bits of a PID, so {@code OpenProcess(4245)} opens process 4244: a PID
 * file holding a truncated, shifted or foreign number can name a process it was never about
 * — the host process itself among them.
 */
public final class OtherProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long opened;

    /**
     * @param requested the PID asked for
     * @param opened the PID of the process the handle refers to
     * @param current whether that is the current process
     */
    public OtherProcessException(long requested, long opened, boolean current) {
        super("PID " + requested + ": OpenProcess opened PID " + opened + (current ? " (this very process)" : "")
                + " instead, because Windows ignores the two low bits of a PID; PID " + requested
                + " names no process of its own and nothing is done to PID " + opened);
        this.requested = requested;
        this.opened = opened;
    }

    /** @return the PID asked for */
    public long requested() {
        return requested;
    }

    /** @return the PID of the process that was opened */
    public long opened() {
        return opened;
    }
}
