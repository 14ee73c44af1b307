package dev.lifecycle.windows.interrupt;

import java.time.Duration;

/**
 * Starts the Ctrl+Break helper for one PID and waits for it, bounded by a timeout. An
 * interface so that the mapping of its outcomes is tested without Windows.
 */
public interface HelperLauncher {

    /**
     * Runs the helper: stdin closed, output drained, killed with its descendants on expiry.
     *
     * @param pid the target, pinned by the caller's open handle for the whole run
     * @param timeout the limit for the helper process
     * @return how the helper ended; never throws for a failure of the helper
     */
    HelperOutcome sendCtrlBreak(long pid, Duration timeout);
}
