// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.spi.InterruptRequest;
import java.util.Optional;

/**
 * Which named event, if any, an interrupt should try before Ctrl+Break: the host app's
 * choice for an instance, a role and a PID, as the provider's public strategy says.
 */
@FunctionalInterface
public interface EventNaming {

    /** No named events: Ctrl+Break only. */
    EventNaming NONE = (request, pid) -> Optional.empty();

    /**
     * @param request the instance and role
     * @param pid the process
     * @return the event name to try first, or empty for Ctrl+Break only
     */
    Optional<String> eventFor(InterruptRequest request, long pid);
}
