// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The glibc/musl functions Lifecycle needs on Linux, on top of jna-platform's
 * {@link com.sun.jna.platform.linux.LibC} (which already maps {@code close}). Names and
 * constants are spelled as in the C headers; values are the Linux ones.
 *
 * <p>Load it with {@link LinuxNative#load()}, never through a static {@code INSTANCE}: a
 * failure to load must become an availability cause, not an {@link ExceptionInInitializerError}.
 */
public interface LinuxLibC extends com.sun.jna.platform.linux.LibC {

    /** {@code <bits/confname.h>}: clock ticks per second, the unit of {@code /proc/<pid>/stat} start times. */
    int _SC_CLK_TCK = 2;
    /** {@code <time.h>}: monotonic clock that includes suspend, the clock process start times count on. */
    int CLOCK_BOOTTIME = 7;

    /** {@code <signal.h>}: interrupt. */
    int SIGINT = 2;
    /** {@code <signal.h>}: kill. */
    int SIGKILL = 9;

    /** {@code <poll.h>}: readable. */
    short POLLIN = 0x001;

    /** {@code <sys/epoll.h>}: readable. */
    int EPOLLIN = 0x001;
    /** {@code <sys/epoll.h>}: report once, then disable until re-armed. */
    int EPOLLONESHOT = 1 << 30;
    /** {@code <sys/epoll.h>}: close on exec (equals {@code O_CLOEXEC}). */
    int EPOLL_CLOEXEC = 0x80000;
    /** {@code <sys/epoll.h>}: register a descriptor. */
    int EPOLL_CTL_ADD = 1;
    /** {@code <sys/epoll.h>}: deregister a descriptor. */
    int EPOLL_CTL_DEL = 2;

    /** {@code <sys/eventfd.h>}: close on exec. */
    int EFD_CLOEXEC = 0x80000;
    /** {@code <sys/eventfd.h>}: non-blocking. */
    int EFD_NONBLOCK = 0x800;

    /**
     * {@code <asm/unistd.h>}: {@code pidfd_send_signal} (Linux 5.1). Since 424 every
     * architecture but alpha and the MIPS ABIs shares one syscall table, so the number is the
     * same on x86_64, aarch64, arm, riscv64, ppc64le and s390x.
     */
    int SYS_pidfd_send_signal = 424;
    /** {@code <asm/unistd.h>}: {@code pidfd_open} (Linux 5.3); see {@link #SYS_pidfd_send_signal}. */
    int SYS_pidfd_open = 434;

    /**
     * {@code long sysconf(int name)}.
     *
     * @param name a {@code _SC_} constant
     * @return the value, or -1 with errno set
     */
    NativeLong sysconf(int name);

    /**
     * {@code int clock_gettime(clockid_t clockid, struct timespec *tp)}; the timespec is two
     * native longs ({@code tv_sec}, {@code tv_nsec}).
     *
     * @param clockid a {@code CLOCK_} constant
     * @param tp at least two native longs of memory
     * @return 0, or -1 with errno set
     */
    int clock_gettime(int clockid, Pointer tp);

    /**
     * {@code long syscall(long number, ...)}, mapped with four fixed C {@code long} arguments:
     * glibc's {@code syscall} reads its arguments as C {@code long}s, from registers on 64-bit
     * ABIs and from the stack on i386, and fixed and variadic calls pass them alike there.
     * {@link NativeLong} is what makes this right on 32-bit JVMs: a Java {@code long} is always
     * passed as 64 bits, which on i386 would shift every later argument and make the pidfd
     * probe succeed or fail by accident.
     *
     * @param number the syscall number
     * @param arg1 first argument
     * @param arg2 second argument
     * @param arg3 third argument
     * @param arg4 fourth argument
     * @return the syscall's result, or -1 with errno set
     */
    NativeLong syscall(NativeLong number, NativeLong arg1, NativeLong arg2, NativeLong arg3, NativeLong arg4);

    /**
     * {@code int kill(pid_t pid, int sig)}.
     *
     * @param pid the PID
     * @param sig the signal, 0 to probe
     * @return 0, or -1 with errno set
     */
    int kill(int pid, int sig);

    /**
     * {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}; a pollfd is
     * {@code int fd; short events; short revents} (8 bytes).
     *
     * @param fds the pollfd array
     * @param nfds how many
     * @param timeout milliseconds, 0 to return at once
     * @return how many are ready, or -1 with errno set
     */
    int poll(Pointer fds, NativeLong nfds, int timeout);

    /**
     * {@code int epoll_create1(int flags)}.
     *
     * @param flags {@link #EPOLL_CLOEXEC} or 0
     * @return the epoll descriptor, or -1 with errno set
     */
    int epoll_create1(int flags);

    /**
     * {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)}; see
     * {@link EpollEvent} for the layout.
     *
     * @param epfd the epoll descriptor
     * @param op {@link #EPOLL_CTL_ADD} or {@link #EPOLL_CTL_DEL}
     * @param fd the watched descriptor
     * @param event the event
     * @return 0, or -1 with errno set
     */
    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    /**
     * {@code int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)}.
     *
     * @param epfd the epoll descriptor
     * @param events room for {@code maxevents} events
     * @param maxevents capacity
     * @param timeout milliseconds, -1 for none
     * @return how many events were stored, or -1 with errno set
     */
    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    /**
     * {@code int eventfd(unsigned int initval, int flags)}.
     *
     * @param initval the initial counter
     * @param flags {@link #EFD_CLOEXEC}, {@link #EFD_NONBLOCK}
     * @return the descriptor, or -1 with errno set
     */
    int eventfd(int initval, int flags);

    /**
     * {@code ssize_t write(int fd, const void *buf, size_t count)}.
     *
     * @param fd the descriptor
     * @param buf the bytes
     * @param count how many
     * @return bytes written, or -1 with errno set
     */
    NativeLong write(int fd, Pointer buf, NativeLong count);

    /**
     * {@code ssize_t read(int fd, void *buf, size_t count)}.
     *
     * @param fd the descriptor
     * @param buf where the bytes go
     * @param count how many at most
     * @return bytes read, or -1 with errno set
     */
    NativeLong read(int fd, Pointer buf, NativeLong count);

    /**
     * {@code char *strerror(int errnum)}.
     *
     * @param errnum an errno value
     * @return its description
     */
    String strerror(int errnum);

    /**
     * {@code pid_t getpid(void)}.
     *
     * @return this process's PID
     */
    int getpid();
}
