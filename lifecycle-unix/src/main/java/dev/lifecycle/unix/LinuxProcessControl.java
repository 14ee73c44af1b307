package dev.lifecycle.unix;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ProcStat;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.unix.exit.ExitWatcher;
import dev.lifecycle.unix.exit.SharedExitWatchers;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.LinuxLibC;
import dev.lifecycle.unix.jna.LinuxNative;
import java.io.IOException;
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
 * the start time. A zombie counts as exited.
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
        super(ID, watchMode, () -> platform.get().availability());
        this.pidfdAllowed = pidfdAllowed;
        this.platform = platform;
    }

    @Override
    protected String identityMechanism() {
        return usesPidfd() ? "/proc/<pid>/stat start time, pinned by pidfd_open" : "/proc/<pid>/stat start time";
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
    protected ProcessLookup lookup(ProcessRef ref) {
        return usesPidfd() ? lookupWithPidfd(ref) : lookupWithoutPidfd(ref);
    }

    /**
     * pidfd_open, then stat, then poll: if the pidfd is not readable after the stat was read,
     * its process was alive throughout, so no other process can have had the PID then.
     */
    private ProcessLookup lookupWithPidfd(ProcessRef ref) {
        LinuxNative linux = platform.get().linux();
        LinuxProcessInspector inspector = platform.get().inspector();
        long pid = ref.pid();
        int pidfd;
        try {
            pidfd = linux.pidfdOpen(pid);
        } catch (ErrnoException e) {
            if (e.kind() == ErrnoException.Kind.NO_SUCH_PROCESS) {
                return new ProcessLookup.NotRunning(ref + " is not running (pidfd_open: no such process)");
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
            long ticks = stat.get().startTicks();
            handedOver = true;
            return identify(ref, inspector.clock().startInstant(ticks), new PidfdPin(linux, pidfd, pid, ticks, inspector));
        } catch (IllegalArgumentException e) {
            return new ProcessLookup.Unknown(ref + ": " + e.getMessage());
        } finally {
            if (!handedOver) {
                linux.close(pidfd);
            }
        }
    }

    private ProcessLookup lookupWithoutPidfd(ProcessRef ref) {
        LinuxNative linux = platform.get().linux();
        LinuxProcessInspector inspector = platform.get().inspector();
        LOG.debug("{}: no pidfd ({}); identity from /proc/{}/stat, signals by kill(2) after a re-check",
                ref, noPidfdReason(), ref.pid());
        return lookupWithRecheckedKill(ref, inspector,
                (pid, signal) -> linux.kill(pid, signal == UnixSignal.SIGINT ? LinuxLibC.SIGINT : LinuxLibC.SIGKILL));
    }
}
