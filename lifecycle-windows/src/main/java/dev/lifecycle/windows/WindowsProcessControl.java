package dev.lifecycle.windows;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.windows.exitwatch.ExitWatcher;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.interrupt.HelperLauncher;
import dev.lifecycle.windows.interrupt.InterruptEventName;
import dev.lifecycle.windows.interrupt.JavaHelperLauncher;
import dev.lifecycle.windows.process.WindowsProcessFinder;
import dev.lifecycle.windows.win32.JnaWindowsNative;
import dev.lifecycle.windows.win32.WindowsNative;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessControl} for Windows over JNA: identity pinned by a process handle,
 * graceful interrupt by a named event or by Ctrl+Break from a helper process, {@code
 * TerminateProcess} on the pinned handle, and exits noticed by {@code
 * WaitForMultipleObjects}. Available on Windows when JNA can load {@code kernel32}; that is
 * probed once, on first use, and the cause kept.
 *
 * <p>Set {@value InterruptEventName#PROPERTY} (e.g. {@code Local\lima-interrupt-%d}) to
 * interrupt agents that wait on such a named event; the event is tried first and Ctrl+Break
 * is used when it does not exist.
 */
public final class WindowsProcessControl implements ProcessControl {

    /** The provider id. */
    public static final String ID = "windows";

    private static final Logger LOG = LoggerFactory.getLogger(WindowsProcessControl.class);

    private final String osName;
    private final Supplier<WindowsNative> nativeLoader;
    private final HelperLauncher launcher;
    private final Supplier<Optional<InterruptEventName>> eventName;
    private final Object lock = new Object();
    /** Guarded by lock; set once by the first probe. */
    private Availability availability;
    /** Guarded by lock; set by the first probe when available. */
    private WindowsProcessFinder finder;

    /** The provider as {@link java.util.ServiceLoader} creates it; loads nothing native until used. */
    public WindowsProcessControl() {
        this(System.getProperty("os.name", ""), () -> JnaWindowsNative.load(), JavaHelperLauncher.forCurrentJvm(),
                () -> InterruptEventName.fromProperty(Optional.ofNullable(
                        System.getProperty(InterruptEventName.PROPERTY))));
    }

    /**
     * @param osName the {@code os.name} to decide availability on
     * @param nativeLoader loads the native layer (may throw a {@link LinkageError})
     * @param launcher starts the Ctrl+Break helper
     * @param eventName the named-event pattern, read on first use (may throw
     *     {@link IllegalArgumentException} for an invalid pattern, which is then ignored)
     */
    WindowsProcessControl(String osName, Supplier<WindowsNative> nativeLoader, HelperLauncher launcher,
                          Supplier<Optional<InterruptEventName>> eventName) {
        this.osName = Objects.requireNonNull(osName, "osName");
        this.nativeLoader = Objects.requireNonNull(nativeLoader, "nativeLoader");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.eventName = Objects.requireNonNull(eventName, "eventName");
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
    public Availability availability() {
        synchronized (lock) {
            if (availability == null) {
                probe();
            }
            return availability;
        }
    }

    @Override
    public ProcessLookup find(ProcessRef ref) {
        Optional<String> refusal = StartTimeCheck.refusal(ref.pid());
        if (refusal.isPresent()) {
            return new ProcessLookup.Refused(refusal.get());
        }
        Availability a = availability();
        if (!a.available()) {
            return new ProcessLookup.Unknown("PID " + ref.pid() + ": the windows process control is not available here ("
                    + a.cause().orElse("no cause") + "), so its identity cannot be proven; it is left alone");
        }
        WindowsProcessFinder f;
        synchronized (lock) {
            f = finder;
        }
        return f.find(ref);
    }

    @Override
    public String exitWatchMechanism() {
        return "WaitForMultipleObjects";
    }

    /** Guarded by lock. */
    private void probe() {
        if (HostOs.of(osName) != HostOs.WINDOWS) {
            availability = Availability.unavailable("lifecycle-windows works on Windows only; this is " + osName);
            return;
        }
        WindowsNative win;
        try {
            win = nativeLoader.get();
        } catch (LinkageError | RuntimeException e) {
            availability = Availability.unavailable("JNA cannot load kernel32 (" + e + "). Put"
                    + " net.java.dev.jna:jna and net.java.dev.jna:jna-platform on the class path, and if JNA's"
                    + " native library cannot be unpacked, set jna.tmpdir or jna.boot.library.path");
            return;
        }
        Optional<InterruptEventName> event;
        try {
            event = eventName.get();
        } catch (IllegalArgumentException e) {
            LOG.warn("Lifecycle: ignoring {}: {}; interrupts use Ctrl+Break only", InterruptEventName.PROPERTY,
                    e.getMessage());
            event = Optional.empty();
        }
        event.ifPresent(e -> LOG.info("Lifecycle: interrupts try the named event {} before Ctrl+Break", e));
        finder = new WindowsProcessFinder(win, new GracefulInterrupt(win, launcher, event), new ExitWatcher(win),
                StartTimeCheck.DEFAULT_TOLERANCE);
        availability = Availability.ok();
    }
}
