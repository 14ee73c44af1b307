package dev.lifecycle.unix;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.unix.exit.ExitWatcher;
import dev.lifecycle.unix.exit.KqueueExitWatcher;
import dev.lifecycle.unix.exit.PollingExitWatcher;
import dev.lifecycle.unix.exit.PollingSchedule;
import dev.lifecycle.unix.exit.SharedExitWatchers;
import dev.lifecycle.unix.jna.ErrnoException;
import dev.lifecycle.unix.jna.MacLibSystem;
import dev.lifecycle.unix.jna.MacNative;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.lifecycle.spi.ProcessControl} for macOS, over JNA.
 *
 * <p>Identity: {@code proc_pidinfo(PROC_PIDTBSDINFO)} start time, exact to the
 * microsecond; a zombie ({@code SZOMB}) counts as exited. macOS has no pidfd, so a PID
 * cannot be pinned: each signal is a {@code kill(2)} sent right after re-checking the start
 * time. The residual race — the process exits and its PID is reused between the re-check
 * and the {@code kill(2)} — needs a full wrap of the PID space within microseconds.
 *
 * <p>Exit watching: one shared thread in {@code kevent} over {@code EVFILT_PROC}
 * {@code NOTE_EXIT} filters; polling (10 ms, growing to 100 ms) with
 * {@code -Dlifecycle.unix.exitWatcher=poll}.
 *
 * <p>Id {@value #ID}, priority {@link #PLATFORM_PRIORITY}. Thread-safe.
 */
public final class MacProcessControl extends UnixProcessControl {

    /** The provider id. */
    public static final String ID = "macos";

    private static final Logger LOG = LoggerFactory.getLogger(MacProcessControl.class);
    private static final String POLLING = PollingExitWatcher.mechanism(
            new PollingSchedule(PollingExitWatcher.FIRST_INTERVAL, PollingExitWatcher.MAX_INTERVAL));

    private final WatchMode watchMode;
    private final Supplier<MacPlatform> platform;
    private volatile ExitWatcher watcher;

    /** The provider as {@link java.util.ServiceLoader} creates it: reads {@code lifecycle.unix.exitWatcher}. */
    public MacProcessControl() {
        this(WatchMode.fromSystemProperty(), MacPlatform::get);
    }

    MacProcessControl(WatchMode watchMode, Supplier<MacPlatform> platform) {
        this.watchMode = watchMode;
        this.platform = platform;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Availability availability() {
        return platform.get().availability();
    }

    @Override
    public String exitWatchMechanism() {
        ExitWatcher chosen = watcher;
        if (chosen != null) {
            return chosen.mechanism();
        }
        if (!availability().available()) {
            return "none (unavailable)";
        }
        return watchMode == WatchMode.EVENT ? KqueueExitWatcher.MECHANISM : POLLING;
    }

    @Override
    protected String identityMechanism() {
        return "proc_pidinfo(PROC_PIDTBSDINFO) start time";
    }

    @Override
    protected String signalMechanism() {
        return "kill(2) after re-checking the start time";
    }

    @Override
    protected ExitWatcher exitWatcher() {
        ExitWatcher chosen = watcher;
        if (chosen == null) {
            synchronized (this) {
                chosen = watcher;
                if (chosen == null) {
                    chosen = chooseWatcher();
                    watcher = chosen;
                }
            }
        }
        return chosen;
    }

    private ExitWatcher chooseWatcher() {
        if (watchMode == WatchMode.EVENT) {
            try {
                return SharedExitWatchers.kqueue(platform.get().mac());
            } catch (ErrnoException e) {
                LOG.warn("Lifecycle: cannot set up kqueue exit watching ({}); polling instead", e.getMessage());
            }
        }
        return SharedExitWatchers.polling();
    }

    @Override
    protected ProcessLookup lookup(ProcessRef ref) {
        MacNative mac = platform.get().mac();
        MacProcessInspector inspector = new MacProcessInspector(mac);
        ProcessStatus status = inspector.inspect(ref.pid());
        if (status instanceof ProcessStatus.Exited exited) {
            return new ProcessLookup.NotRunning(exited.detail());
        }
        if (status instanceof ProcessStatus.Inaccessible inaccessible) {
            return new ProcessLookup.Unknown(inaccessible.detail());
        }
        ProcessStatus.Running running = (ProcessStatus.Running) status;
        RecheckedKillPin pin = new RecheckedKillPin(ref.pid(), running.startKey(), inspector,
                (pid, signal) -> mac.kill(pid, signal == UnixSignal.SIGINT ? MacLibSystem.SIGINT : MacLibSystem.SIGKILL));
        return identify(ref, running.start(), pin);
    }
}
