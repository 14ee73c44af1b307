// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.unix.jna.MacNative;
import java.util.Optional;

/**
 * The macOS probe, run once per JVM on first use and kept with its cause: is this macOS,
 * does JNA load libSystem, does {@code proc_pidinfo} answer for this process.
 */
final class MacPlatform {

    private static final class Shared {
        static final MacPlatform INSTANCE = probe(System.getProperty("os.name", ""));
    }

    private final Availability availability;
    private final Optional<MacNative> mac;

    private MacPlatform(Availability availability, MacNative mac) {
        this.availability = availability;
        this.mac = Optional.ofNullable(mac);
    }

    /** @return the JVM-wide probe result */
    static MacPlatform get() {
        return Shared.INSTANCE;
    }

    /**
     * Probes afresh; never throws.
     *
     * @param osName the {@code os.name} to judge
     * @return the result
     */
    static MacPlatform probe(String osName) {
        HostOs os = HostOs.of(osName);
        if (os != HostOs.MACOS) {
            return new MacPlatform(Availability.unavailable("process control 'macos' runs on macOS only, and this is "
                    + osName + (os == HostOs.LINUX ? " (the 'linux' provider of lifecycle-unix serves it)" : "")),
                    null);
        }
        MacNative mac;
        try {
            mac = MacNative.load();
        } catch (LinkageError | RuntimeException e) {
            return new MacPlatform(Availability.unavailable(NativeLoadFailures.cause("libSystem", e)), null);
        }
        try {
            mac.procBsdInfo(ProcessHandle.current().pid());
        } catch (RuntimeException e) {
            return new MacPlatform(Availability.unavailable("proc_pidinfo does not answer for this process ("
                    + e.getMessage() + "): process start times cannot be read"), null);
        }
        return new MacPlatform(Availability.ok(), mac);
    }

    /** @return whether the macOS provider works here, and why not */
    Availability availability() {
        return availability;
    }

    /** @return the native calls, when available */
    MacNative mac() {
        return mac.orElseThrow(() -> new IllegalStateException(availability.cause().orElse("unavailable")));
    }
}
