// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Lima VM type ({@code vmType:} in {@code lima.yaml}), such as {@code qemu}, {@code vz},
 * {@code krunkit} or {@code wsl2}. Kept as an open value rather than an enum because
 * drivers are pluggable upstream and through {@link dev.lifecycle.spi.VmTypeExtension}.
 *
 * @param id the lower-case identifier as written in {@code lima.yaml}
 */
public record VmType(String id) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** QEMU; the driver writes {@code qemu.pid} itself. The default everywhere but macOS, Windows included. */
    public static final VmType QEMU = new VmType("qemu");
    /** Apple Virtualization.framework; runs inside the host agent. macOS default. */
    public static final VmType VZ = new VmType("vz");
    /** krunkit; writes {@code krunkit.pid}. */
    public static final VmType KRUNKIT = new VmType("krunkit");
    /**
     * WSL2; no driver PID file, the VM is the distro {@code lima-<name>}. Never a default: Lima
     * uses it only when a configuration names it, on Windows too.
     */
    public static final VmType WSL2 = new VmType("wsl2");

    /**
     * Validates the identifier.
     *
     * @throws IllegalArgumentException if {@code id} is not a lower-case identifier
     */
    public VmType {
        Objects.requireNonNull(id, "id");
        if (!VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("Invalid VM type '" + id
                    + "': expected a lower-case identifier such as qemu, vz, krunkit or wsl2");
        }
    }

    /**
     * Parses a VM type as written in {@code lima.yaml}, ignoring case and surrounding blanks.
     *
     * @param text the text, for example {@code "QEMU"}
     * @return the VM type
     * @throws IllegalArgumentException if the text is not a valid identifier
     */
    public static VmType of(String text) {
        Objects.requireNonNull(text, "text");
        return new VmType(text.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The VM type Lima uses when no configuration names one and the guest architecture is
     * the host's: {@code vz} on macOS, {@code qemu} everywhere else, Windows included (Lima's
     * {@code limatype.DefaultDriver}).
     *
     * @return the platform default for the running JVM's operating system
     */
    public static VmType platformDefault() {
        return platformDefault(HostOs.current());
    }

    /**
     * The VM type Lima uses when no configuration names one and the guest architecture is
     * the host's, on the given OS. A guest of another architecture always gets {@link #QEMU}
     * (Lima's {@code DefaultNonNativeArchDriver}).
     *
     * @param os the host operating system
     * @return {@link #VZ} for macOS, {@link #QEMU} for every other OS, Windows included
     */
    public static VmType platformDefault(HostOs os) {
        return Objects.requireNonNull(os, "os") == HostOs.MACOS ? VZ : QEMU;
    }

    /**
     * The name of the driver PID file in the instance directory, e.g. {@code qemu.pid}.
     *
     * @return {@code <id>.pid}
     */
    public String pidFileName() {
        return id + ".pid";
    }

    @Override
    public String toString() {
        return id;
    }
}
