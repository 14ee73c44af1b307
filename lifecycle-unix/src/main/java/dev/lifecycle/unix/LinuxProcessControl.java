// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcStat;
import dev.lifecycle.spi.ProcessEvidence;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.SocketListeners;
import dev.lifecycle.unix.exit.ExitWatcher;
import dev.lifecycle.unix.exit.SharedExitWatchers;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.LinuxLibC;
import dev.lifecycle.unix.jna.LinuxNative;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.lifecycle.spi.ProcessControl} for Linux, over JNA.
 *
 * <p>Identity: the start time in {@code /proc/<pid>/stat} (field 22, clock ticks since
 * boot), turned into an instant with {@code CLOCK_BOOTTIME}. On Linux 5.3+ the check is
 * race-free: {@code pidfd_open} first, then the stat file, then a poll of the pidfd — a
 * pidfd that is not readable proves its process was alive when the stat was read, so the
 * stat was that process's, and every later signal goes through the pidfd
 * ({@code pidfd_send_signal}). Older kernels fall back to {@code kill(2)} after re-checking
 * the start time. A zombie counts as exited. The clock-free evidence — the command line from
 * {@code /proc/<pid>/cmdline}, the files open for writing from {@code /proc/<pid>/fd} and
 * {@code fdinfo} — is read under the same pin, before the pidfd is polled; a PID that names a
 * thread of another process ({@code Tgid} in {@code /proc/<pid>/status}) or a kernel thread
 * is never the instance's.
 *
 * <p>Socket listeners: {@code /proc/net/unix} for the sockets bound in a directory, then
 * {@code /proc/<pid>/fd} for the processes that hold them.
 *
 * <p>Exit watching: one shared thread in {@code epoll_wait} over all pidfds; polling
 * (10 ms, growing to 100 ms) without pidfds or with {@code -Dlifecycle.unix.exitWatcher=poll},
 * read when the provider is created.
 *
 * <p>Id {@value #ID}, priority {@link #PLATFORM_PRIORITY}. Thread-safe.
 */
public final class LinuxProcessControl extends UnixProcessControl {

    /** The provider id. */
    public static final String ID = "linux";

    private static final Logger LOG = LoggerFactory.getLogger(LinuxProcessControl.class);

    private final boolean pidfdAllowed;
    private final Supplier<LinuxPlatform> platform;
    private final Supplier<PidfdBudget> budget;
    private volatile LinuxEvidenceReader evidence;

    /** The provider as {@link java.util.ServiceLoader} creates it: reads {@code lifecycle.unix.exitWatcher}. */
    public LinuxProcessControl() {
        this(WatchMode.fromSystemProperty(), true);
    }

    /**
     * For tests: choose the exit watcher and whether pidfds may be used.
     *
     * @param watchMode event (pidfd+epoll) or polling
     * @param pidfdAllowed false to take the {@code kill(2)} path even where pidfds work
     */
    LinuxProcessControl(WatchMode watchMode, boolean pidfdAllowed) {
        this(watchMode, pidfdAllowed, LinuxPlatform::get);
    }

    LinuxProcessControl(WatchMode watchMode, boolean pidfdAllowed, Supplier<LinuxPlatform> platform) {
        this(watchMode, pidfdAllowed, platform, PidfdBudget::shared);
    }

    /** For tests: also choose the budget of pidfds the pins may hold. */
    LinuxProcessControl(WatchMode watchMode, boolean pidfdAllowed, Supplier<LinuxPlatform> platform,
                        Supplier<PidfdBudget> budget) {
        super(ID, watchMode, () -> platform.get().availability());
        this.pidfdAllowed = pidfdAllowed;
        this.platform = platform;
        this.budget = budget;
    }

    @Override
    public Optional<HostOs> hostOs() {
        return Optional.of(HostOs.LINUX);
    }

    @Override
    protected String identityMechanism() {
        String what = "/proc/<pid>/stat start time and what /proc/<pid>/cmdline and fd refer to";
        return usesPidfd() ? what + ", pinned by pidfd_open" : what;
    }

    @Override
    protected String signalMechanism() {
        return usesPidfd() ? "pidfd_send_signal" : "kill(2) after re-checking the start time (" + noPidfdReason() + ")";
    }

    private boolean usesPidfd() {
        return pidfdAllowed && platform.get().noPidfdReason().isEmpty();
    }

    private String noPidfdReason() {
        return pidfdAllowed ? platform.get().noPidfdReason().orElse("pidfds work") : "pidfds disabled";
    }

    @Override
    protected boolean eventWatchSupported() {
        return usesPidfd();
    }

    @Override
    protected String eventWatchMechanism() {
        return SharedExitWatchers.EPOLL_MECHANISM;
    }

    @Override
    protected ExitWatcher openEventWatcher() {
        return SharedExitWatchers.epoll(platform.get().linux());
    }

    @Override
    protected ProcessLookup lookup(ProcessRef ref, Optional<ExpectedOwner> owner) {
        return usesPidfd() ? lookupWithPidfd(ref, owner) : lookupWithoutPidfd(ref, owner);
    }

    @Override
    protected LinuxEvidenceReader evidenceReader() {
        LinuxEvidenceReader reader = evidence;
        if (reader == null) {
            reader = new LinuxEvidenceReader(platform.get().inspector().procRoot());
            evidence = reader;
        }
        return reader;
    }

    @Override
    protected List<Long> allPids() throws IOException {
        return evidenceReader().pids();
    }

    @Override
    protected Optional<String> notAProcess(long pid) {
        return evidenceReader().notAProcess(pid);
    }

    @Override
    public SocketListeners socketListeners(Path directory) {
        if (!availability().available()) {
            return SocketListeners.notSearched("process control '" + ID + "' is not available here: "
                    + availability().cause().orElse("no cause given"));
        }
        try {
            LinuxProcessInspector inspector = platform.get().inspector();
            return new LinuxSocketListeners(inspector.procRoot(), inspector).find(directory);
        } catch (RuntimeException e) {
            LOG.warn("Lifecycle: searching the socket listeners in {} failed: {}", directory, e.toString(), e);
            return SocketListeners.notSearched("searching the socket listeners failed: " + e);
        }
    }

    /**
     * pidfd_open, then stat, then poll: if the pidfd is not readable after the stat was read,
     * its process was alive throughout, so no other process can have had the PID then. When
     * the budget of pidfds is spent, or the process has no descriptor left to give, the
     * process is identified the same way but signalled by the re-checked {@code kill(2)}.
     */
    private ProcessLookup lookupWithPidfd(ProcessRef ref, Optional<ExpectedOwner> owner) {
        LinuxNative linux = platform.get().linux();
        LinuxProcessInspector inspector = platform.get().inspector();
        long pid = ref.pid();
        PidfdBudget pins = budget.get();
        if (!pins.tryAcquire()) {
            LOG.debug("{}: all {} pidfds of the budget are held; identified without one", ref, pins.size());
            return lookupWithoutPidfd(ref, owner);
        }
        int pidfd;
        try {
            pidfd = linux.pidfdOpen(pid);
        } catch (ErrnoException e) {
            pins.release();
            if (e.kind() == ErrnoException.Kind.NO_DESCRIPTORS) {
                LOG.debug("{}: no descriptor for a pidfd ({}); identified without one", ref, e.getMessage());
                return lookupWithoutPidfd(ref, owner);
            }
            if (e.kind() == ErrnoException.Kind.NO_SUCH_PROCESS) {
                return new ProcessLookup.NotRunning(ref + " is not running (pidfd_open: no such process)");
            }
            // pidfd_open refuses (EINVAL) a thread that is not its process's leader.
            Optional<String> notAProcess = notAProcess(pid);
            if (notAProcess.isPresent()) {
                return new ProcessLookup.NotOurs(notAProcess.get());
            }
            return new ProcessLookup.Unknown(ref + ": cannot pin it: " + e.getMessage());
        }
        boolean handedOver = false;
        try {
            Optional<ProcStat> stat;
            IOException readFailure = null;
            try {
                stat = inspector.readStat(pid);
            } catch (IOException e) {
                stat = Optional.empty();
                readFailure = e;
            }
            Optional<ProcessEvidence> evidence = owner.map(o -> evidenceReader().read(pid));
            // pidfd_open pins only a thread-group leader, so the PID is a process; whether it is a
            // kernel thread is read from its status only when it has no command line, as they have none.
            boolean mayBeKernelThread = evidence.flatMap(ProcessEvidence::commandLine).map(List::isEmpty).orElse(true);
            Optional<String> notAProcess = owner.isPresent() && mayBeKernelThread ? notAProcess(pid) : Optional.empty();
            // Polled after every read: a pidfd that is not readable now proves all of it was this process's.
            if (linux.pollReadable(pidfd)) {
                return new ProcessLookup.NotRunning(ref + " has exited (its pidfd is readable: a zombie or reaped)");
            }
            if (stat.isEmpty()) {
                return new ProcessLookup.Unknown(ref + " is running but /proc/" + pid + "/stat cannot be read ("
                        + (readFailure == null ? "hidden: procfs mounted with hidepid?" : readFailure.toString())
                        + "), so its identity cannot be proven");
            }
            // A stat state of Z with a pidfd that is not readable is a leader thread that
            // exited while other threads run: the process is alive, and the pidfd knows best.
            if (notAProcess.isPresent()) {
                return new ProcessLookup.NotOurs(notAProcess.get());
            }
            long ticks = stat.get().startTicks();
            handedOver = true;
            return identify(ref, owner, inspector.clock().startInstant(ticks), evidence,
                    new PidfdPin(linux, pidfd, pid, ticks, inspector, pins));
        } catch (IllegalArgumentException e) {
            return new ProcessLookup.Unknown(ref + ": " + e.getMessage());
        } finally {
            if (!handedOver) {
                linux.close(pidfd);
                pins.release();
            }
        }
    }

    private ProcessLookup lookupWithoutPidfd(ProcessRef ref, Optional<ExpectedOwner> owner) {
        LinuxNative linux = platform.get().linux();
        LinuxProcessInspector inspector = platform.get().inspector();
        LOG.debug("{}: no pidfd ({}); identity from /proc/{}/stat, signals by kill(2) after a re-check",
                ref, noPidfdReason(), ref.pid());
        return lookupWithRecheckedKill(ref, owner, inspector,
                (pid, signal) -> linux.kill(pid, signal == UnixSignal.SIGINT ? LinuxLibC.SIGINT : LinuxLibC.SIGKILL));
    }
}
