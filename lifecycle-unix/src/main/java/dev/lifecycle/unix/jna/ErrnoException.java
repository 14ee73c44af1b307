// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

/**
 * A native call failed with an errno. The platform wrapper that threw it has already
 * classified the errno ({@link #kind()}), so that callers need no per-OS numbers.
 */
public final class ErrnoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What an errno means to a caller. */
    public enum Kind {
        /** {@code ESRCH}: no such process. */
        NO_SUCH_PROCESS,
        /** {@code EPERM}, {@code EACCES}: not permitted. */
        NOT_PERMITTED,
        /** {@code EINTR}: interrupted by a signal; retry. */
        INTERRUPTED,
        /** {@code ENOSYS}: the kernel lacks the call. */
        NOT_IMPLEMENTED,
        /** {@code EMFILE}, {@code ENFILE}: no file descriptor left, for this process or the system. */
        NO_DESCRIPTORS,
        /** Anything else. */
        OTHER
    }

    /** The call that failed, with its arguments. */
    private final String call;
    /** The errno value. */
    private final int errno;
    /** What the errno means. */
    private final Kind kind;

    /**
     * @param call the call that failed, with its arguments, e.g. {@code pidfd_open(1234)}
     * @param errno the errno value
     * @param description the OS text for the errno
     * @param kind what the errno means
     */
    public ErrnoException(String call, int errno, String description, Kind kind) {
        super(call + " failed: " + description + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
        this.kind = kind;
    }

    /** @return the call that failed, with its arguments */
    public String call() {
        return call;
    }

    /** @return the errno value */
    public int errno() {
        return errno;
    }

    /** @return what the errno means */
    public Kind kind() {
        return kind;
    }
}
