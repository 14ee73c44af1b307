// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.SocketListeners;
import dev.lifecycle.unix.exit.ExitWatcher;
import dev.lifecycle.unix.exit.SharedExitWatchers;
import dev.lifecycle.unix.jna.MacLibSystem;
import dev.lifecycle.unix.jna.MacNative;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link dev.lifecycle.spi.ProcessControl} for macOS, over JNA.
 *
 * <p>Identity: {@code proc_pidinfo(PROC_PIDTBSDINFO)} start time, exact to the
 * microsecond; a zombie ({@code SZOMB}) counts as exited. macOS has no pidfd, so a PID
 * cannot be pinned: each signal is a {@code kill(2)} sent right after re-checking the start
 * time. The residual race — the process exits and its PID is reused between the re-check
 * and the {@code kill(2)} — needs a full wrap of the PID space within microseconds. The
 * clock-free evidence is the command line ({@code sysctl(KERN_PROCARGS2)}) and the files
 * open for writing ({@code proc_pidinfo(PROC_PIDLISTFDS)}, {@code proc_pidfdinfo}), read
 * between two start-time checks.
 *
 * <p>Socket listeners are not searched yet (a known gap): macOS has no procfs, and the
 * descriptor walk it needs ({@code proc_pidinfo(PROC_PIDLISTFDS)} and
 * {@code proc_pidfdinfo(PROC_PIDFDSOCKETINFO)} for every process) is not bound here.
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

    private final Supplier<MacPlatform> platform;

    /** The provider as {@link java.util.ServiceLoader} creates it: reads {@code lifecycle.unix.exitWatcher}. */
    public MacProcessControl() {
        this(WatchMode.fromSystemProperty(), MacPlatform::get);
    }

    MacProcessControl(WatchMode watchMode, Supplier<MacPlatform> platform) {
        super(ID, watchMode, () -> platform.get().availability());
        this.platform = platform;
    }

    @Override
    public Optional<HostOs> hostOs() {
        return Optional.of(HostOs.MACOS);
    }

    @Override
    protected String identityMechanism() {
        return "proc_pidinfo(PROC_PIDTBSDINFO) start time and what KERN_PROCARGS2 and the open vnodes refer to";
    }

    @Override
    protected String signalMechanism() {
        return "kill(2) after re-checking the start time";
    }

    @Override
    protected String eventWatchMechanism() {
        return SharedExitWatchers.KQUEUE_MECHANISM;
    }

    @Override
    protected ExitWatcher openEventWatcher() {
        return SharedExitWatchers.kqueue(platform.get().mac());
    }

    @Override
    public SocketListeners socketListeners(Path directory) {
        return SocketListeners.notSearched("process control '" + ID + "' cannot yet tell which process listens on a"
                + " socket; list them with: lsof -U | grep " + directory);
    }

    @Override
    protected EvidenceReader evidenceReader() {
        return new MacEvidenceReader(platform.get().mac());
    }

    @Override
    protected List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        for (int pid : platform.get().mac().allPids()) {
            pids.add((long) pid);
        }
        return pids;
    }

    @Override
    protected ProcessLookup lookup(ProcessRef ref, Optional<ExpectedOwner> owner) {
        MacNative mac = platform.get().mac();
        return lookupWithRecheckedKill(ref, owner, new MacProcessInspector(mac),
                (pid, signal) -> mac.kill(pid, signal == UnixSignal.SIGINT ? MacLibSystem.SIGINT : MacLibSystem.SIGKILL));
    }
}
