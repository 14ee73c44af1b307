package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.VmType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The VM type of an instance whose {@code lima.yaml} names none.
 *
 * <p>Normally the platform default ({@link VmType#platformDefault(String)}). On macOS,
 * where Lima's default changed from {@code qemu} to {@code vz} (Lima 1.0), an existing
 * instance is recognised the way Lima recognises it: {@code vz-identifier} means VZ, any
 * other sign of an existing instance without it means QEMU. Guessing VZ for an old QEMU
 * instance would make the stopper look for {@code vz.pid} and miss the live QEMU process.
 */
public final class DefaultVmType {

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
     * @param osName the host OS name, as {@code System.getProperty("os.name")} gives it
     * @return the VM type Lima would use
     */
    public static VmType resolve(Path instanceDir, String osName) {
        VmType platformDefault = VmType.platformDefault(osName);
        if (!isMac(osName)) {
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

    private static boolean isMac(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return os.startsWith("mac") || os.startsWith("darwin");
    }

    private static boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }
}
