// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.util.OptionalInt;

/**
 * What an {@link ExitWatcher} watches: one process, pinned or not. Implemented by the
 * provider's process pins.
 */
public interface ExitSource {

    /** @return the PID */
    long pid();

    /**
     * @return the Linux pidfd that refers to the process, if it is pinned by one; valid
     *     until the watch is stopped (the owner closes it only afterwards)
     */
    OptionalInt pidfd();

    /**
     * The authoritative check, used by polling and to confirm events: a zombie has exited,
     * and so has a process whose PID now names a later process.
     *
     * @return true once the process has exited; false while it runs or when it cannot be told
     */
    boolean hasExited();
}
