// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import java.time.Duration;

/**
 * Has the Ctrl+Break helper process deliver Ctrl+Break to one process group, bounded by a
 * timeout. An interface so that the mapping of its outcomes is tested without Windows.
 */
public interface CtrlBreakHelper {

    /**
     * @param pid the target, the root of its process group, pinned by the caller's open
     *     handle for the whole call
     * @param timeout the limit, the helper's start included; on expiry it is killed
     * @return how it went; never throws for a failure of the helper
     */
    HelperOutcome sendCtrlBreak(long pid, Duration timeout);
}
