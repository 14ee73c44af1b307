// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import com.sun.jna.Pointer;

/**
 * The libSystem functions Lifecycle needs on macOS, on top of jna-platform's
 * {@link com.sun.jna.platform.mac.SystemB} (which already maps {@code proc_pidinfo},
 * {@code struct proc_bsdinfo} and {@code close}). Names and constants are spelled as in the
 * macOS headers ({@code <sys/event.h>}, {@code <sys/proc.h>}, {@code <sys/errno.h>}).
 *
 * <p>Load it with {@link MacNative#load()}, never through a static {@code INSTANCE}.
 */
public interface MacLibSystem extends com.sun.jna.platform.mac.SystemB {

    /** {@code <sys/signal.h>}: interrupt. */
    int SIGINT = 2;
    /** {@code <sys/signal.h>}: kill. */
    int SIGKILL = 9;

    /** {@code <sys/errno.h>}: operation not permitted. */
    int EPERM = 1;
    /** {@code <sys/errno.h>}: no such file or directory (a knote that is not there). */
    int ENOENT = 2;
    /** {@code <sys/errno.h>}: no such process. */
    int ESRCH = 3;
    /** {@code <sys/errno.h>}: interrupted system call. */
    int EINTR = 4;
    /** {@code <sys/errno.h>}: permission denied. */
    int EACCES = 13;
    /** {@code <sys/errno.h>}: function not implemented. */
    int ENOSYS = 78;

    /** {@code <sys/sysctl.h>}: the kernel's MIB. */
    int CTL_KERN = 1;
    /** {@code <sys/sysctl.h>}: the largest argument and environment area of an exec. */
    int KERN_ARGMAX = 8;
    /** {@code <sys/sysctl.h>}: a process's argc, executable path, arguments and environment. */
    int KERN_PROCARGS2 = 49;
    /** {@code <sys/proc_info.h>}: {@code proc_pidfdinfo} flavor for a vnode and its path. */
    int PROC_PIDFDVNODEPATHINFO = 2;
    /** {@code <sys/proc_info.h>}: {@code proc_fdtype} of a vnode (a file). */
    int PROX_FDTYPE_VNODE = 1;
    /** {@code <sys/fcntl.h>}: the descriptor is open for writing ({@code fi_openflags}). */
    int FWRITE = 0x0002;

    /** {@code <sys/proc.h>}: {@code p_stat} of a zombie, as reported in {@code pbi_status}. */
    int SZOMB = 5;

    /** {@code <sys/event.h>}: process events; ident is a PID. */
    short EVFILT_PROC = -5;
    /** {@code <sys/event.h>}: user-triggered events. */
    short EVFILT_USER = -10;

    /** {@code <sys/event.h>}: add the event. */
    short EV_ADD = 0x0001;
    /** {@code <sys/event.h>}: delete the event. */
    short EV_DELETE = 0x0002;
    /** {@code <sys/event.h>}: report once, then delete. */
    short EV_ONESHOT = 0x0010;
    /** {@code <sys/event.h>}: reset state after reporting. */
    short EV_CLEAR = 0x0020;
    /** {@code <sys/event.h>}: report the outcome of each change as an event. */
    short EV_RECEIPT = 0x0040;
    /** {@code <sys/event.h>}: error; data holds the errno. */
    short EV_ERROR = 0x4000;

    /** {@code <sys/event.h>}: EVFILT_PROC: the process exited. */
    int NOTE_EXIT = 0x80000000;
    /** {@code <sys/event.h>}: EVFILT_USER: trigger the event. */
    int NOTE_TRIGGER = 0x01000000;

    /**
     * {@code int kill(pid_t pid, int sig)}.
     *
     * @param pid the PID
     * @param sig the signal, 0 to probe
     * @return 0, or -1 with errno set
     */
    int kill(int pid, int sig);

    /**
     * {@code int kqueue(void)}.
     *
     * @return the kqueue descriptor, or -1 with errno set
     */
    int kqueue();

    /**
     * {@code int kevent(int kq, const struct kevent *changelist, int nchanges,
     * struct kevent *eventlist, int nevents, const struct timespec *timeout)}; see
     * {@link Kevent} for the layout.
     *
     * @param kq the kqueue
     * @param changelist changes to apply, or null
     * @param nchanges how many
     * @param eventlist room for events, or null
     * @param nevents capacity
     * @param timeout null to wait without limit
     * @return how many events were stored, or -1 with errno set
     */
    int kevent(int kq, Pointer changelist, int nchanges, Pointer eventlist, int nevents, Pointer timeout);

    /**
     * {@code int proc_pidinfo(int pid, int flavor, uint64_t arg, void *buffer, int buffersize)}
     * into raw memory, for flavors that return arrays ({@code PROC_PIDLISTFDS}).
     *
     * @param pid the PID
     * @param flavor what to return
     * @param arg flavor-specific
     * @param buffer where to write
     * @param buffersize its size in bytes
     * @return the bytes written, or 0 or less on failure with errno set
     */
    int proc_pidinfo(int pid, int flavor, long arg, Pointer buffer, int buffersize);

    /**
     * {@code int proc_pidfdinfo(int pid, int fd, int flavor, void *buffer, int buffersize)}; see
     * {@link ProcFdLayout} for the layout of {@code PROC_PIDFDVNODEPATHINFO}.
     *
     * @param pid the PID
     * @param fd the descriptor
     * @param flavor what to return
     * @param buffer where to write
     * @param buffersize its size in bytes
     * @return the bytes written, or 0 or less on failure with errno set
     */
    int proc_pidfdinfo(int pid, int fd, int flavor, Pointer buffer, int buffersize);

    /**
     * {@code char *strerror(int errnum)}.
     *
     * @param errnum an errno value
     * @return its description
     */
    String strerror(int errnum);
}
