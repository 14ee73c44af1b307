package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.VmType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The VM type of an instance whose {@code lima.yaml} names none.
 *
 * <p>Normally the platform default ({@link VmType#platformDefault(HostOs)}). On macOS,
 * where Lima's default changed from {@code qemu} to {@code vz} (Lima 1.0), an existing
 * instance is recognised the way Lima recognises it: {@code vz-identifier} means VZ, any
 * other sign of an existing instance without it means QEMU. Guessing VZ for an old QEMU
 * instance would make the stopper look for {@code vz.pid} and miss the live QEMU process.
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
     * Resolves the VM type of an instance directory whose configuration names none.
     *
     * @param instanceDir the instance directory
     * @param os the host operating system
     * @return the VM type Lima would use
     */
    static VmType resolve(Path instanceDir, HostOs os) {
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
