// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import com.sun.jna.Native;
import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ReferenceScan;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.windows.interrupt.ConsoleBreakChannel;
import dev.lifecycle.windows.interrupt.CtrlBreakHelper;
import dev.lifecycle.windows.interrupt.EventNaming;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.interrupt.NamedEventChannel;
import dev.lifecycle.windows.interrupt.ProcessGroups;
import dev.lifecycle.windows.interrupt.ReusedHelper;
import dev.lifecycle.windows.process.WindowsProcessFinder;
import dev.lifecycle.windows.process.WindowsReferenceScanner;
import dev.lifecycle.windows.win32.Win32Calls;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessControl} for Windows over JNA: identity pinned by a process handle that is
 * checked to refer to exactly the PID asked for, graceful interrupt by a named event or by
 * Ctrl+Break to a process-group root from a helper process, {@code TerminateProcess} while
 * the handle pins the PID, and exits noticed by {@code WaitForMultipleObjects}. The clock-free
 * identity evidence is the command line, read on the same handle. Available on
 * Windows when JNA can load {@code kernel32}; that is probed once per JVM and the cause kept.
 *
 * <p>{@link java.util.ServiceLoader} creates it with the settings of the system properties
 * {@value InterruptChannelStrategy#PROPERTY} (an event name template) and {@code
 * lifecycle.windows.helperJava} (the {@code java.exe} for the helper). A host app that names
 * its agents' interrupt events in code builds its own and hands it to the stopper:
 *
 * <pre>{@code
 * ProcessControl windows = WindowsProcessControl.builder()
 *         .interruptChannels(InterruptChannelStrategy.namedEvents("Local\\myapp-interrupt-{role}-{instance}-{pid}"))
 *         .build();
 * InstanceStopper stopper = InstanceStoppers.builder().processControl(windows).build();
 * }</pre>
 */
public final class WindowsProcessControl implements ProcessControl {

    /** The provider id. */
    public static final String ID = "windows";

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessControl.class);

    private final Supplier<WindowsPlatform> platform;
    private final Supplier<Optional<InterruptChannelStrategy>> strategy;
    private final Supplier<CtrlBreakHelper> helper;
    private final Object lock = new Object();
    /** Guarded by lock; made on first use when available. */
    private WindowsProcessFinder finder;

    /**
     * The provider as {@link java.util.ServiceLoader} creates it: loads nothing native until
     * used, and reads {@value InterruptChannelStrategy#PROPERTY} then.
     */
    public WindowsProcessControl() {
        this(WindowsPlatform::get, WindowsProcessControl::strategyFromProperty, ReusedHelper::shared);
    }

    /**
     * @param platform the probe, asked on every call (it keeps its result)
     * @param strategy the host app's interrupt channels, asked once, on first use (empty: Ctrl+Break only)
     * @param helper the Ctrl+Break helper, asked once, on first use
     */
    WindowsProcessControl(Supplier<WindowsPlatform> platform, Supplier<Optional<InterruptChannelStrategy>> strategy,
                          Supplier<CtrlBreakHelper> helper) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.helper = Objects.requireNonNull(helper, "helper");
    }

    /** @return a builder for a provider with the host app's own settings */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int priority() {
        return PLATFORM_PRIORITY;
    }

    @Override
    public Optional<HostOs> hostOs() {
        return Optional.of(HostOs.WINDOWS);
    }

    @Override
    public Availability availability() {
        return platform.get().availability();
    }

    /** Never throws: an unexpected failure is {@link ProcessLookup.Unknown} with its cause. */
    @Override
    public ProcessLookup find(ProcessRef ref) {
        return find(ref, Optional.empty());
    }

    /**
     * Both kinds of evidence: the creation time, and the command line read on the same
     * handle. Never throws: an unexpected failure is {@link ProcessLookup.Unknown} with its cause.
     */
    @Override
    public ProcessLookup find(ProcessRef ref, ExpectedOwner owner) {
        return find(ref, Optional.of(Objects.requireNonNull(owner, "owner")));
    }

    /** By command lines: the JDK reads no arguments on Windows. */
    @Override
    public ReferenceScan scanReferences(Path instanceDirectory) {
        if (!availability().available()) {
            return ReferenceScan.byJdk(instanceDirectory);
        }
        List<Long> pids;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            pids = all.map(ProcessHandle::pid).collect(Collectors.toList());
        }
        return new WindowsReferenceScanner(new Win32Calls(platform.get().win(), ProcessHandle.current().pid()))
                .scan(instanceDirectory, pids);
    }

    private ProcessLookup find(ProcessRef ref, Optional<ExpectedOwner> owner) {
        Optional<String> refusal = StartTimeCheck.refusal(ref.pid());
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        Availability a = availability();
        if (!a.available()) {
            return new ProcessLookup.Unknown("PID " + ref.pid() + ": the windows process control is not available here ("
                    + a.cause().orElse("no cause") + "), so its identity cannot be proven; it is left alone");
        }
        try {
            return finder().find(ref, owner);
        } catch (RuntimeException e) {
            LOG.warn("PID {}: identity check failed: {}", ref.pid(), e.toString(), e);
            return new ProcessLookup.Unknown("PID " + ref.pid() + ": identity check failed (" + e
                    + "), so it is left alone");
        }
    }

    @Override
    public String exitWatchMechanism() {
        return "WaitForMultipleObjects";
    }

    private WindowsProcessFinder finder() {
        synchronized (lock) {
            if (finder == null) {
                WindowsPlatform p = platform.get();
                Win32Calls calls = new Win32Calls(p.win(), ProcessHandle.current().pid());
                EventNaming naming = strategy.get().map(WindowsProcessControl::naming).orElse(EventNaming.NONE);
                GracefulInterrupt interrupt = new GracefulInterrupt(p.win(), naming, new NamedEventChannel(calls),
                        new ConsoleBreakChannel(new ProcessGroups(calls, Native.POINTER_SIZE), helper.get()));
                finder = new WindowsProcessFinder(calls, interrupt, p.exitWatcher(), StartTimeCheck.DEFAULT_TOLERANCE);
            }
            return finder;
        }
    }

    /** The public strategy, as the interrupt package asks for it. */
    private static EventNaming naming(InterruptChannelStrategy strategy) {
        return (InterruptRequest request, long pid) ->
                strategy.channelFor(request.instance(), request.role(), pid) instanceof InterruptChannel.NamedEvent e
                        ? Optional.of(e.name()) : Optional.empty();
    }

    static Optional<InterruptChannelStrategy> strategyFromProperty() {
        String value = System.getProperty(InterruptChannelStrategy.PROPERTY, "").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            InterruptChannelStrategy parsed = InterruptChannelStrategy.namedEvents(value);
            LOG.info("Lifecycle: Windows interrupts try the named event {} before Ctrl+Break", value);
            return Optional.of(parsed);
        } catch (IllegalArgumentException e) {
            LOG.warn("Lifecycle: ignoring {}: {}; interrupts use Ctrl+Break only", InterruptChannelStrategy.PROPERTY,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Builds a {@link WindowsProcessControl} with a host app's settings; not thread-safe. */
    public static final class Builder {
        private InterruptChannelStrategy interruptChannels = InterruptChannelStrategy.consoleBreak();
        private Path helperJava;

        private Builder() {
        }

        /**
         * @param interruptChannels the channel to interrupt each process by (default: Ctrl+Break)
         * @return this builder
         */
        public Builder interruptChannels(InterruptChannelStrategy interruptChannels) {
            this.interruptChannels = Objects.requireNonNull(interruptChannels, "interruptChannels");
            return this;
        }

        /**
         * @param helperJava the {@code java.exe} (Java 17 or later) to start the Ctrl+Break
         *     helper with, for an app whose own runtime has none (a {@code jpackage} image)
         * @return this builder
         */
        public Builder helperJava(Path helperJava) {
            this.helperJava = Objects.requireNonNull(helperJava, "helperJava");
            return this;
        }

        /** @return the provider; like the discovered one, it loads nothing native until used */
        public WindowsProcessControl build() {
            InterruptChannelStrategy channels = interruptChannels;
            Path java = helperJava;
            return new WindowsProcessControl(WindowsPlatform::get, () -> Optional.of(channels),
                    java == null ? ReusedHelper::shared : () -> ReusedHelper.withJava(java));
        }
    }
}
