// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The instance a recorded process should belong to: what the clock-free half of the
 * identity rule ({@link IdentityRule}) checks a running process against.
 *
 * @param instanceDirectory the instance directory, as the caller knows it (it is compared as
 *     the kernel resolves it, so a path through a symlink is fine)
 * @param namesInstance true for a role whose command line Lima fixes to name its instance
 *     directory — the host agent ({@code --pidfile <dir>/ha.pid}), QEMU
 *     ({@code -pidfile <dir>/qemu.pid}), krunkit (its disks) and external driver servers
 *     ({@code --inst-dir <dir>}): a process in such a role that names no instance is not
 *     proven to be the instance's by its start time alone
 */
public record ExpectedOwner(Path instanceDirectory, boolean namesInstance) {

    /** Validates that nothing is null. */
    public ExpectedOwner {
        Objects.requireNonNull(instanceDirectory, "instanceDirectory");
    }

    /**
     * A process whose command line Lima fixes to name its instance directory.
     *
     * @param instanceDirectory the instance directory
     * @return the expectation
     */
    public static ExpectedOwner namingItsInstance(Path instanceDirectory) {
        return new ExpectedOwner(instanceDirectory, true);
    }

    /**
     * A process whose command line Lima does not fix (a third-party driver): its start time
     * may stand in for the missing evidence.
     *
     * @param instanceDirectory the instance directory
     * @return the expectation
     */
    public static ExpectedOwner withAnyCommandLine(Path instanceDirectory) {
        return new ExpectedOwner(instanceDirectory, false);
    }
}
