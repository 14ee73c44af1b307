// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PID files of an instance's external driver servers, under the names every Lima 2.x
 * wrote them: {@code <driver>.drv.pid} (Lima ≥ 2.2, {@code pkg/driver/external/server}) and
 * {@code lima-driver-<driver>-<owner>.pid} with owner {@code ha} (started by the host agent)
 * or {@code cli} (started by {@code limactl}) (Lima 2.1.2–2.1.4). Found by listing the
 * directory, never by a glob: the directory name may hold glob metacharacters.
 */
final class DriverServerPidFiles {

    /** Suffix of Lima ≥ 2.2's driver server PID files. */
    static final String DRV_SUFFIX = ".drv.pid";
    /** Prefix of Lima 2.1.2–2.1.4's driver server PID files. */
    static final String LEGACY_PREFIX = "lima-driver-";
    /** The owners Lima 2.1.2–2.1.4 wrote, each followed by {@code .pid}. */
    private static final List<String> LEGACY_OWNER_SUFFIXES = List.of("-ha.pid", "-cli.pid");

    private DriverServerPidFiles() {
    }

    /**
     * Whether a file name is a driver server's PID file.
     *
     * @param fileName a top-level entry of an instance directory
     * @param vmType the instance's VM type, whose own driver PID file is never a server's
     * @return true for {@code <driver>.drv.pid} and {@code lima-driver-<driver>-(ha|cli).pid},
     *     with a non-empty driver name
     */
    static boolean isDriverServerPidFile(String fileName, VmType vmType) {
        if (fileName.equals(vmType.pidFileName())) {
            return false;
        }
        if (fileName.length() > DRV_SUFFIX.length() && fileName.endsWith(DRV_SUFFIX)) {
            return true;
        }
        return isLegacy(fileName);
    }

    /**
     * Whether a file name is a driver server's PID file as Lima 2.1.2–2.1.4 named it. Those
     * servers were started with no arguments, so their command line does not name the
     * instance (see {@link LimaRoles}).
     *
     * @param fileName a top-level entry of an instance directory
     * @return true for {@code lima-driver-<driver>-ha.pid} and {@code lima-driver-<driver>-cli.pid}
     */
    static boolean isLegacy(String fileName) {
        if (!fileName.startsWith(LEGACY_PREFIX)) {
            return false;
        }
        for (String ownerSuffix : LEGACY_OWNER_SUFFIXES) {
            if (fileName.length() > LEGACY_PREFIX.length() + ownerSuffix.length() && fileName.endsWith(ownerSuffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver server PID files of an instance directory, sorted. Entries that are not
     * regular files are returned too, so that {@link PidFile#read} reports them instead of
     * their being skipped in silence.
     *
     * @param dir the instance directory
     * @param vmType the instance's VM type
     * @return the files
     * @throws IOException if the directory cannot be listed
     */
    static List<Path> list(Path dir, VmType vmType) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (isDriverServerPidFile(entry.getFileName().toString(), vmType)) {
                    files.add(entry);
                }
            }
        }
        files.sort(null);
        return files;
    }
}
