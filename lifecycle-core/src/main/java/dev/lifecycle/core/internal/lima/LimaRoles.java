// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.ExpectedOwner;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which recorded processes Lima starts with a command line that names their instance
 * directory — the host agent ({@code --pidfile <dir>/ha.pid}), QEMU ({@code -pidfile
 * <dir>/qemu.pid}), krunkit (its disks), VZ (the agent itself) and external driver servers
 * of Lima ≥ 2.2 ({@code --inst-dir <dir>}) — and so the {@link ExpectedOwner} each is
 * checked against. A driver of another VM type (a third-party driver) and a driver server of
 * Lima 2.1.2–2.1.4 ({@code lima-driver-<driver>-<owner>.pid}, started with no arguments) are
 * not fixed: their start time decides.
 */
public final class LimaRoles {

    /** VM types whose driver process names the instance directory on its command line. */
    private static final Set<VmType> NAMING_DRIVERS = Set.of(VmType.QEMU, VmType.VZ, VmType.KRUNKIT);

    private LimaRoles() {
    }

    /**
     * The owner a recorded process of an instance is checked against.
     *
     * @param instance the instance
     * @param ref one of its processes
     * @return the expectation: naming its instance unless the process is only a driver of an unfixed VM type
     */
    public static ExpectedOwner owner(Instance instance, ProcessRef ref) {
        boolean agent = instance.hostAgent().filter(h -> h.pid() == ref.pid()).isPresent();
        boolean server = instance.driverServers().stream().anyMatch(s -> s.pid() == ref.pid())
                && !ref.pidFile().map(f -> DriverServerPidFiles.isLegacy(f.getFileName().toString())).orElse(false);
        boolean namingDriver = instance.driver().filter(d -> d.pid() == ref.pid()).isPresent()
                && NAMING_DRIVERS.contains(instance.vmType());
        return new ExpectedOwner(instance.directory(), agent || server || namingDriver);
    }

    /**
     * The owner the process a top-level PID file names is checked against, by the file's name.
     *
     * @param instanceDirectory the instance directory
     * @param pidFileName the PID file's name, such as {@code ha.pid}
     * @return the expectation
     */
    public static ExpectedOwner owner(Path instanceDirectory, String pidFileName) {
        boolean naming = pidFileName.equals(InstanceDirectoryReader.HOST_AGENT_PID)
                || pidFileName.endsWith(DriverServerPidFiles.DRV_SUFFIX)
                || NAMING_DRIVERS.stream().anyMatch(t -> t.pidFileName().equals(pidFileName));
        return new ExpectedOwner(instanceDirectory, naming);
    }
}
