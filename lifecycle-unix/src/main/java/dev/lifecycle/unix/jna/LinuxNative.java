// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.platform.linux.ErrNo;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Java-friendly wrapper over {@link LinuxLibC}: every failure becomes an
 * {@link ErrnoException} with the errno read through {@link Native#getLastError()} and
 * classified with jna-platform's {@link ErrNo} names. Thread-safe (holds no state but the
 * library).
 */
public final class LinuxNative {

    /** Architectures whose syscall table has pidfd_open at 434 and pidfd_send_signal at 424. */
    private static final Set<String> UNIFIED_SYSCALL_ARCHS = Set.of(
            "amd64", "x86_64", "aarch64", "arm", "x86", "i386", "i486", "i586", "i686",
            "riscv64", "ppc64le", "ppc64", "s390x", "loongarch64");

    private final LinuxLibC libc;
    private final boolean pidfdArch;

    private LinuxNative(LinuxLibC libc, String osArch) {
        this.libc = libc;
        this.pidfdArch = UNIFIED_SYSCALL_ARCHS.contains(osArch.toLowerCase(Locale.ROOT));
    }

    /**
     * Loads libc through JNA.
     *
     * @return the wrapper
     * @throws UnsatisfiedLinkError if JNA cannot load its native part or libc
     * @throws NoClassDefFoundError if JNA is not on the class path
     */
    public static LinuxNative load() {
        return new LinuxNative(Native.load("c", LinuxLibC.class), System.getProperty("os.arch", ""));
    }

    /**
     * Tells whether pidfds work here: the architecture's syscall numbers are known and
     * {@code pidfd_open} succeeds on this process (Linux 5.3+, not blocked by seccomp).
     *
     * @return empty if pidfds work, else why not
     */
    public Optional<String> pidfdUnsupportedReason() {
        if (!pidfdArch) {
            return Optional.of("the pidfd syscall numbers of os.arch '" + System.getProperty("os.arch")
                    + "' are not known to Lifecycle");
        }
        try {
            int fd = pidfdOpen(libc.getpid());
            close(fd);
            return Optional.empty();
        } catch (ErrnoException e) {
            return Optional.of(e.kind() == ErrnoException.Kind.NOT_IMPLEMENTED
                    ? "the kernel has no pidfd_open (Linux 5.3 or newer needed)"
                    : e.getMessage() + " (blocked by a seccomp profile?)");
        }
    }

    /**
     * {@code pidfd_open(pid, 0)}: a descriptor that refers to the process, not the PID.
     *
     * @param pid the PID
     * @return the pidfd (close-on-exec)
     * @throws ErrnoException {@code NO_SUCH_PROCESS} if there is no such process
     */
    public int pidfdOpen(long pid) {
        long fd = syscall(LinuxLibC.SYS_pidfd_open, pid, 0);
        if (fd < 0) {
            throw failure("pidfd_open(" + pid + ")");
        }
        return (int) fd;
    }

    /**
     * {@code pidfd_send_signal(pidfd, sig, NULL, 0)}.
     *
     * @param pidfd the pidfd
     * @param signal the signal number
     * @throws ErrnoException {@code NO_SUCH_PROCESS} if the process has been reaped
     */
    public void pidfdSendSignal(int pidfd, int signal) {
        if (syscall(LinuxLibC.SYS_pidfd_send_signal, pidfd, signal) < 0) {
            throw failure("pidfd_send_signal(" + pidfd + ", " + signal + ")");
        }
    }

    /** A pidfd syscall with two arguments; the unused two are passed as 0, as the kernel requires. */
    private long syscall(int number, long arg1, long arg2) {
        return libc.syscall(new NativeLong(number), new NativeLong(arg1), new NativeLong(arg2), new NativeLong(0),
                new NativeLong(0)).longValue();
    }

    /**
     * Polls a descriptor without waiting. A pidfd is readable once its process has exited,
     * zombie or reaped.
     *
     * @param fd the descriptor
     * @return true if readable (or hung up)
     */
    public boolean pollReadable(int fd) {
        Memory pollfd = new Memory(8);
        pollfd.setInt(0, fd);
        pollfd.setShort(4, LinuxLibC.POLLIN);
        pollfd.setShort(6, (short) 0);
        while (true) {
            int n = libc.poll(pollfd, new NativeLong(1), 0);
            if (n >= 0) {
                return n > 0 && pollfd.getShort(6) != 0;
            }
            ErrnoException e = failure("poll(" + fd + ")");
            if (e.kind() != ErrnoException.Kind.INTERRUPTED) {
                throw e;
            }
        }
    }

    /**
     * {@code kill(pid, sig)}.
     *
     * @param pid the PID
     * @param signal the signal, 0 to probe
     * @throws ErrnoException {@code NO_SUCH_PROCESS} or {@code NOT_PERMITTED}
     */
    public void kill(long pid, int signal) {
        if (libc.kill(Math.toIntExact(pid), signal) < 0) {
            throw failure("kill(" + pid + ", " + signal + ")");
        }
    }

    /**
     * Closes a descriptor; a failure is returned, not thrown (there is nothing to do about it).
     *
     * @param fd the descriptor
     * @return empty, or the failure
     */
    public Optional<ErrnoException> close(int fd) {
        return libc.close(fd) < 0 ? Optional.of(failure("close(" + fd + ")")) : Optional.empty();
    }

    /** @return {@code sysconf(_SC_CLK_TCK)}, the unit of process start times */
    public long clockTicksPerSecond() {
        long hz = libc.sysconf(LinuxLibC._SC_CLK_TCK).longValue();
        if (hz <= 0) {
            throw failure("sysconf(_SC_CLK_TCK)");
        }
        return hz;
    }

    /** @return nanoseconds since boot, including suspend ({@code CLOCK_BOOTTIME}) */
    public long bootTimeNanos() {
        Memory timespec = new Memory(2L * Native.LONG_SIZE);
        if (libc.clock_gettime(LinuxLibC.CLOCK_BOOTTIME, timespec) < 0) {
            throw failure("clock_gettime(CLOCK_BOOTTIME)");
        }
        long seconds = Native.LONG_SIZE == 8 ? timespec.getLong(0) : timespec.getInt(0);
        long nanos = Native.LONG_SIZE == 8 ? timespec.getLong(8) : timespec.getInt(4);
        return seconds * 1_000_000_000L + nanos;
    }

    /** @return a new close-on-exec epoll descriptor */
    public int epollCreate() {
        int fd = libc.epoll_create1(LinuxLibC.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw failure("epoll_create1(EPOLL_CLOEXEC)");
        }
        return fd;
    }

    /**
     * Registers a descriptor with an epoll instance.
     *
     * @param epfd the epoll descriptor
     * @param fd the descriptor to watch
     * @param events the {@code EPOLL*} mask
     * @param data the user data reported with its events
     * @param scratch at least {@link EpollEvent#SIZE} bytes the caller owns
     */
    public void epollAdd(int epfd, int fd, int events, long data, Memory scratch) {
        EpollEvent.write(scratch, 0, events, data);
        if (libc.epoll_ctl(epfd, LinuxLibC.EPOLL_CTL_ADD, fd, scratch) < 0) {
            throw failure("epoll_ctl(" + epfd + ", EPOLL_CTL_ADD, " + fd + ")");
        }
    }

    /**
     * Deregisters a descriptor from an epoll instance.
     *
     * @param epfd the epoll descriptor
     * @param fd the watched descriptor
     * @param scratch at least {@link EpollEvent#SIZE} bytes (kernels before 2.6.9 want non-null)
     */
    public void epollDelete(int epfd, int fd, Memory scratch) {
        if (libc.epoll_ctl(epfd, LinuxLibC.EPOLL_CTL_DEL, fd, scratch) < 0) {
            throw failure("epoll_ctl(" + epfd + ", EPOLL_CTL_DEL, " + fd + ")");
        }
    }

    /**
     * Waits for events.
     *
     * @param epfd the epoll descriptor
     * @param events room for {@code max} events
     * @param max capacity
     * @param timeoutMillis -1 to wait without limit
     * @return how many events were stored
     * @throws ErrnoException {@code INTERRUPTED} when a signal arrived (retry)
     */
    public int epollWait(int epfd, Memory events, int max, int timeoutMillis) {
        int n = libc.epoll_wait(epfd, events, max, timeoutMillis);
        if (n < 0) {
            throw failure("epoll_wait(" + epfd + ")");
        }
        return n;
    }

    /** @return a new non-blocking, close-on-exec eventfd with counter 0 */
    public int eventfd() {
        int fd = libc.eventfd(0, LinuxLibC.EFD_CLOEXEC | LinuxLibC.EFD_NONBLOCK);
        if (fd < 0) {
            throw failure("eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)");
        }
        return fd;
    }

    /**
     * Adds 1 to an eventfd's counter, which makes it readable.
     *
     * @param fd the eventfd
     */
    public void eventfdSignal(int fd) {
        Memory one = new Memory(8);
        one.setLong(0, 1L);
        if (libc.write(fd, one, new NativeLong(8)).longValue() != 8) {
            throw failure("write(eventfd " + fd + ")");
        }
    }

    /**
     * Resets an eventfd's counter to 0, so that it is no longer readable; a counter already
     * at 0 is left as it is (the eventfd is non-blocking).
     *
     * @param fd the eventfd
     */
    public void eventfdDrain(int fd) {
        libc.read(fd, new Memory(8), new NativeLong(8));
    }

    /** @return this process's PID as the kernel sees it */
    public long getpid() {
        return libc.getpid();
    }

    private ErrnoException failure(String call) {
        int errno = Native.getLastError();
        return new ErrnoException(call, errno, describe(errno), classify(errno));
    }

    private String describe(int errno) {
        try {
            String text = libc.strerror(errno);
            return text == null ? "errno " + errno : text;
        } catch (RuntimeException e) {
            return "errno " + errno;
        }
    }

    static ErrnoException.Kind classify(int errno) {
        switch (errno) {
            case ErrNo.ESRCH:
                return ErrnoException.Kind.NO_SUCH_PROCESS;
            case ErrNo.EPERM:
            case ErrNo.EACCES:
                return ErrnoException.Kind.NOT_PERMITTED;
            case ErrNo.EINTR:
                return ErrnoException.Kind.INTERRUPTED;
            case ErrNo.ENOSYS:
                return ErrnoException.Kind.NOT_IMPLEMENTED;
            case ErrNo.EMFILE:
            case ErrNo.ENFILE:
                return ErrnoException.Kind.NO_DESCRIPTORS;
            default:
                return ErrnoException.Kind.OTHER;
        }
    }
}
