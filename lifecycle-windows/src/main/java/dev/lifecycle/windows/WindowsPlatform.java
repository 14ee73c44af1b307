// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.windows.exitwatch.WindowsExitWatcher;
import dev.lifecycle.windows.win32.JnaWindowsNative;
import dev.lifecycle.windows.win32.WindowsNative;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Windows probe, run once per JVM on first use and kept with its cause (in the manner of
 * Netty's {@code Epoll.unavailabilityCause()}, and like the Linux provider's probe): is this
 * Windows, does JNA load {@code kernel32}. When it is available it also holds what every
 * provider object shares: the native calls and the one exit watcher, whose daemon threads
 * sleep in {@code WaitForMultipleObjects} while idle and are never closed — a watcher per
 * provider object would break the "small fixed number of threads" rule, because {@link
 * java.util.ServiceLoader} creates a provider object per lookup.
 */
final class WindowsPlatform {

    private static final class Shared {
        static final WindowsPlatform INSTANCE = probe(System.getProperty("os.name", ""), JnaWindowsNative::load);
    }

    private final Availability availability;
    private final Optional<WindowsNative> win;
    private final Optional<WindowsExitWatcher> exitWatcher;

    private WindowsPlatform(Availability availability, WindowsNative win) {
        this.availability = availability;
        this.win = Optional.ofNullable(win);
        this.exitWatcher = this.win.map(WindowsExitWatcher::new);
    }

    /** @return the JVM-wide probe result */
    static WindowsPlatform get() {
        return Shared.INSTANCE;
    }

    /**
     * Probes afresh; never throws.
     *
     * @param osName the {@code os.name} to judge
     * @param loader loads the native layer (may throw a {@link LinkageError})
     * @return the result
     */
    static WindowsPlatform probe(String osName, Supplier<? extends WindowsNative> loader) {
        if (HostOs.of(osName) != HostOs.WINDOWS) {
            return new WindowsPlatform(Availability.unavailable(
                    "lifecycle-windows works on Windows only; this is " + osName), null);
        }
        try {
            return new WindowsPlatform(Availability.ok(), loader.get());
        } catch (LinkageError | RuntimeException e) {
            return new WindowsPlatform(Availability.unavailable("JNA cannot load kernel32 (" + e + "). Put"
                    + " net.java.dev.jna:jna and net.java.dev.jna:jna-platform on the class path, and if JNA's"
                    + " native library cannot be unpacked, set jna.tmpdir or jna.boot.library.path"), null);
        }
    }

    /** @return whether the Windows provider works here, and why not */
    Availability availability() {
        return availability;
    }

    /** @return the native calls, when available */
    WindowsNative win() {
        return win.orElseThrow(this::unavailable);
    }

    /** @return the shared exit watcher, when available */
    WindowsExitWatcher exitWatcher() {
        return exitWatcher.orElseThrow(this::unavailable);
    }

    private IllegalStateException unavailable() {
        return new IllegalStateException(availability.cause().orElse("unavailable"));
    }
}
