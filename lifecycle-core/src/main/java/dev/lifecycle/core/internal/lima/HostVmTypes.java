// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.VmType;
import java.util.Map;
import java.util.Optional;

/**
 * Which VM types can run on which host OS, as Lima registers its drivers: {@code vz} and
 * {@code krunkit} exist on macOS only, {@code wsl2} on Windows only, {@code qemu} everywhere.
 * {@code limactl list} reports an instance of a VM type its OS has no driver for as Broken
 * ("unknown or unsupported VM type"); so do we. Other VM types (external drivers) are not
 * judged: whether their driver is installed is not ours to tell.
 */
final class HostVmTypes {

    private static final Map<VmType, HostOs> ONLY_ON = Map.of(
            VmType.VZ, HostOs.MACOS,
            VmType.KRUNKIT, HostOs.MACOS,
            VmType.WSL2, HostOs.WINDOWS);

    private HostVmTypes() {
    }

    /**
     * Why a VM type cannot run here, in Lima's words.
     *
     * @param vmType the instance's VM type
     * @param os the host OS
     * @return the reason, or empty if it can run (or is not one Lima restricts)
     */
    static Optional<String> cannotRun(VmType vmType, HostOs os) {
        HostOs only = ONLY_ON.get(vmType);
        if (only == null || only == os) {
            return Optional.empty();
        }
        return Optional.of("vmType " + vmType + " cannot run on " + name(os) + ", only on " + name(only)
                + " (limactl list: unknown or unsupported VM type: " + vmType + ")");
    }

    private static String name(HostOs os) {
        return switch (os) {
            case LINUX -> "Linux";
            case MACOS -> "macOS";
            case WINDOWS -> "Windows";
            case OTHER -> "this OS";
        };
    }
}
