// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.unix.exit.ExitSource;

/**
 * What a {@link UnixProcessTarget} holds on to between the identity check and the signal:
 * a Linux pidfd, or the PID with its start time to re-check before {@code kill(2)}.
 * Thread-safe. Never throws from {@link #hasExited()}.
 */
interface ProcessPin extends ExitSource {

    /**
     * Sends a signal to the pinned process only.
     *
     * @param signal the signal
     * @return what happened; after {@link #close()} nothing is sent and the result says so
     */
    SignalResult signal(UnixSignal signal);

    /** @return how signals are sent, for reports: e.g. {@code pidfd_send_signal} */
    String signalMechanism();

    /** Releases what is held (the pidfd). Idempotent. */
    void close();
}
