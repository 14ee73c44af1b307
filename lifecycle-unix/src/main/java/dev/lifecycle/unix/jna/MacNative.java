// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.mac.SystemB;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;

/**
 * Java-friendly wrapper over {@link MacLibSystem}: failures become {@link ErrnoException}s
 * with the errno read through {@link Native#getLastError()} and classified with the macOS
 * errno values. Thread-safe (holds no state but the library).
 */
public final class MacNative {

    private final MacLibSystem lib;

    private MacNative(MacLibSystem lib) {
        this.lib = lib;
    }

    /**
     * Loads libSystem through JNA.
     *
     * @return the wrapper
     * @throws UnsatisfiedLinkError if JNA cannot load its native part or libSystem
     * @throws NoClassDefFoundError if JNA is not on the class path
     */
    public static MacNative load() {
        return new MacNative(Native.load("System", MacLibSystem.class));
    }

    /**
     * {@code proc_pidinfo(pid, PROC_PIDTBSDINFO, 0, &info, sizeof info)}: the BSD view of a
     * process, including its start time and status.
     *
     * @param pid the PID
     * @return the filled structure
     * @throws ErrnoException {@code NO_SUCH_PROCESS} if there is none, {@code NOT_PERMITTED}
     *     if it may not be inspected
     */
    public SystemB.ProcBsdInfo procBsdInfo(long pid) {
        SystemB.ProcBsdInfo info = new SystemB.ProcBsdInfo();
        int size = info.size();
        int n = lib.proc_pidinfo(Math.toIntExact(pid), SystemB.PROC_PIDTBSDINFO, 0, info, size);
        if (n <= 0) {
            throw failure("proc_pidinfo(" + pid + ", PROC_PIDTBSDINFO)");
        }
        if (n < size) {
            throw new ErrnoException("proc_pidinfo(" + pid + ", PROC_PIDTBSDINFO)", 0,
                    "returned " + n + " of " + size + " bytes", ErrnoException.Kind.OTHER);
        }
        return info;
    }

    /**
     * {@code sysctl({CTL_KERN, KERN_PROCARGS2, pid})}: the raw argument area of a process,
     * see {@link ProcFdLayout#procArgs}.
     *
     * @param pid the PID
     * @return the bytes
     * @throws ErrnoException if the kernel refuses (another user's process, a zombie)
     */
    public byte[] procArgs2(long pid) {
        int[] argMaxMib = {MacLibSystem.CTL_KERN, MacLibSystem.KERN_ARGMAX};
        Memory argMax = new Memory(4);
        IntByReference argMaxSize = new IntByReference(4);
        if (lib.sysctl(argMaxMib, 2, argMax, argMaxSize, null, 0) != 0) {
            throw failure("sysctl(KERN_ARGMAX)");
        }
        int size = argMax.getInt(0);
        Memory area = new Memory(size);
        IntByReference length = new IntByReference(size);
        int[] mib = {MacLibSystem.CTL_KERN, MacLibSystem.KERN_PROCARGS2, Math.toIntExact(pid)};
        if (lib.sysctl(mib, 3, area, length, null, 0) != 0) {
            throw failure("sysctl(KERN_PROCARGS2, " + pid + ")");
        }
        return area.getByteArray(0, Math.min(size, length.getValue()));
    }

    /**
     * {@code proc_listpids(PROC_ALL_PIDS, 0, ...)}.
     *
     * @return every PID
     */
    public int[] allPids() {
        int needed = lib.proc_listpids(SystemB.PROC_ALL_PIDS, 0, null, 0);
        if (needed <= 0) {
            throw failure("proc_listpids(PROC_ALL_PIDS)");
        }
        int[] pids = new int[needed / 4 + 64]; // room for processes started since
        int n = lib.proc_listpids(SystemB.PROC_ALL_PIDS, 0, pids, pids.length * 4);
        if (n <= 0) {
            throw failure("proc_listpids(PROC_ALL_PIDS)");
        }
        int count = 0;
        for (int i = 0; i < n / 4; i++) {
            if (pids[i] > 0) {
                pids[count++] = pids[i];
            }
        }
        return java.util.Arrays.copyOf(pids, count);
    }

    /**
     * {@code proc_pidinfo(pid, PROC_PIDLISTFDS, ...)}: the raw {@code struct proc_fdinfo}
     * array, see {@link ProcFdLayout#vnodeFds}.
     *
     * @param pid the PID
     * @return the bytes
     */
    public byte[] listFds(long pid) {
        int p = Math.toIntExact(pid);
        int needed = lib.proc_pidinfo(p, SystemB.PROC_PIDLISTFDS, 0, (Memory) null, 0);
        if (needed <= 0) {
            throw failure("proc_pidinfo(" + pid + ", PROC_PIDLISTFDS)");
        }
        int size = needed + 32 * ProcFdLayout.PROC_FDINFO_SIZE;
        Memory buffer = new Memory(size);
        int n = lib.proc_pidinfo(p, SystemB.PROC_PIDLISTFDS, 0, buffer, size);
        if (n <= 0) {
            throw failure("proc_pidinfo(" + pid + ", PROC_PIDLISTFDS)");
        }
        return buffer.getByteArray(0, n);
    }

    /**
     * {@code proc_pidfdinfo(pid, fd, PROC_PIDFDVNODEPATHINFO, ...)}, see
     * {@link ProcFdLayout#writtenPath}.
     *
     * @param pid the PID
     * @param fd a vnode descriptor
     * @return the raw {@code struct vnode_fdinfowithpath}, or empty if the descriptor closed meanwhile
     */
    public Optional<byte[]> vnodeInfo(long pid, int fd) {
        Memory buffer = new Memory(ProcFdLayout.VNODE_FDINFO_WITH_PATH_SIZE);
        int n = lib.proc_pidfdinfo(Math.toIntExact(pid), fd, MacLibSystem.PROC_PIDFDVNODEPATHINFO, buffer,
                ProcFdLayout.VNODE_FDINFO_WITH_PATH_SIZE);
        if (n < ProcFdLayout.VNODE_FDINFO_WITH_PATH_SIZE) {
            return Optional.empty();
        }
        return Optional.of(buffer.getByteArray(0, n));
    }

    /**
     * {@code kill(pid, sig)}.
     *
     * @param pid the PID
     * @param signal the signal, 0 to probe
     * @throws ErrnoException {@code NO_SUCH_PROCESS} or {@code NOT_PERMITTED}
     */
    public void kill(long pid, int signal) {
        if (lib.kill(Math.toIntExact(pid), signal) < 0) {
            throw failure("kill(" + pid + ", " + signal + ")");
        }
    }

    /** @return a new kqueue descriptor */
    public int kqueue() {
        int kq = lib.kqueue();
        if (kq < 0) {
            throw failure("kqueue()");
        }
        return kq;
    }

    /**
     * {@code kevent(kq, changes, nchanges, events, nevents, NULL)}, retried on {@code EINTR}
     * only when it carries no changes (a change may have been applied before the signal).
     *
     * @param kq the kqueue
     * @param changes changes, or null
     * @param nchanges how many
     * @param events room for events, or null
     * @param nevents capacity
     * @return how many events were stored
     */
    public int kevent(int kq, Memory changes, int nchanges, Memory events, int nevents) {
        while (true) {
            int n = lib.kevent(kq, changes, nchanges, events, nevents, null);
            if (n >= 0) {
                return n;
            }
            ErrnoException e = failure("kevent(" + kq + ")");
            if (e.kind() != ErrnoException.Kind.INTERRUPTED || nchanges > 0) {
                throw e;
            }
        }
    }

    /**
     * Closes a descriptor; a failure is returned, not thrown.
     *
     * @param fd the descriptor
     * @return empty, or the failure
     */
    public Optional<ErrnoException> close(int fd) {
        return lib.close(fd) < 0 ? Optional.of(failure("close(" + fd + ")")) : Optional.empty();
    }

    /**
     * Classifies an errno that came back in a kevent receipt ({@code EV_ERROR}).
     *
     * @param call the change that failed
     * @param errno the errno from the receipt's data
     * @return the exception to throw or inspect
     */
    public ErrnoException receiptFailure(String call, int errno) {
        return new ErrnoException(call, errno, describe(errno), classify(errno));
    }

    private ErrnoException failure(String call) {
        int errno = Native.getLastError();
        return new ErrnoException(call, errno, describe(errno), classify(errno));
    }

    private String describe(int errno) {
        try {
            String text = lib.strerror(errno);
            return text == null ? "errno " + errno : text;
        } catch (RuntimeException e) {
            return "errno " + errno;
        }
    }

    /**
     * @param errno a macOS errno value
     * @return what it means
     */
    static ErrnoException.Kind classify(int errno) {
        switch (errno) {
            case MacLibSystem.ESRCH:
                return ErrnoException.Kind.NO_SUCH_PROCESS;
            case MacLibSystem.EPERM:
            case MacLibSystem.EACCES:
                return ErrnoException.Kind.NOT_PERMITTED;
            case MacLibSystem.EINTR:
                return ErrnoException.Kind.INTERRUPTED;
            case MacLibSystem.ENOSYS:
                return ErrnoException.Kind.NOT_IMPLEMENTED;
            default:
                return ErrnoException.Kind.OTHER;
        }
    }
}
