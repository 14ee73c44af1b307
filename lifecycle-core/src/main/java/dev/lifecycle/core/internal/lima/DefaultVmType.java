// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.VmType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The VM type of an instance whose {@code lima.yaml} names none.
 *
 * <p>A guest of another architecture than the host's is {@code qemu}. Otherwise the platform
 * default ({@link VmType#platformDefault(HostOs)}): {@code vz} on macOS, {@code qemu} on
 * every other OS, Windows included. On macOS, where Lima's default
 * changed from {@code qemu} to {@code vz} (Lima 1.0), an existing instance is recognised the
 * way Lima 1.x recognised it: {@code vz-identifier} means VZ, any other sign of an existing
 * instance without it means QEMU. Lima 2.x dropped that rule; we keep it on purpose, because
 * guessing VZ for an instance a 1.x Lima runs on QEMU would make the stopper look for
 * {@code vz.pid} and miss the live QEMU process. Whenever Lima 2.x has started the instance
 * itself, the VZ driver wrote {@code vz-identifier}, so both rules agree.
 */
final class DefaultVmType {

    /** Written by the VZ driver only. */
    static final String VZ_IDENTIFIER = "vz-identifier";
    /** Files whose presence shows the instance was created (Lima's own list). */
    private static final List<String> EXISTING_INSTANCE_FILES = List.of(
            "ha.stdout.log", "ha.stderr.log", VZ_IDENTIFIER, "basedisk", "diffdisk", "cidata.iso");

    private DefaultVmType() {
    }

    /**
     * Resolves the VM type of an instance directory whose configuration names none, for a
     * guest of the host's architecture.
     *
     * @param instanceDir the instance directory
     * @param os the host operating system
     * @return the VM type Lima would use
     */
    static VmType resolve(Path instanceDir, HostOs os) {
        return resolve(instanceDir, os, Optional.empty(), System.getProperty("os.arch", ""));
    }

    /**
     * Resolves the VM type of an instance directory whose configuration names none: a guest
     * of another architecture than the host's is always {@code qemu} (Lima's
     * {@code DefaultNonNativeArchDriver}), else as above.
     *
     * @param instanceDir the instance directory
     * @param os the host operating system
     * @param arch the guest architecture the configuration sets, if any
     * @param osArch the host's {@code os.arch}
     * @return the VM type Lima would use
     */
    static VmType resolve(Path instanceDir, HostOs os, Optional<String> arch, String osArch) {
        if (!GuestArch.isNative(arch, osArch)) {
            return VmType.QEMU;
        }
        VmType platformDefault = VmType.platformDefault(os);
        if (os != HostOs.MACOS) {
            return platformDefault;
        }
        if (exists(instanceDir.resolve(VZ_IDENTIFIER))) {
            return VmType.VZ;
        }
        for (String name : EXISTING_INSTANCE_FILES) {
            if (exists(instanceDir.resolve(name))) {
                return VmType.QEMU;
            }
        }
        return platformDefault;
    }

    private static boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }
}
