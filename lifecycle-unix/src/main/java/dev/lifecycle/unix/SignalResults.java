// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.unix.jna.ErrnoException;

/** The {@link SignalResult}s pins return, worded once. */
final class SignalResults {

    private SignalResults() {
    }

    static SignalResult delivered(long pid, UnixSignal signal, String how) {
        return new SignalResult(SignalResult.Status.DELIVERED, signal + " sent to PID " + pid + " " + how);
    }

    static SignalResult alreadyExited(UnixSignal signal, String why) {
        return new SignalResult(SignalResult.Status.ALREADY_EXITED, why + "; " + signal + " not sent");
    }

    static SignalResult closed(long pid, UnixSignal signal) {
        return new SignalResult(SignalResult.Status.FAILED, "PID " + pid + ": its target was closed, so "
                + signal + " was not sent; find the process again to signal it");
    }

    static SignalResult failed(long pid, UnixSignal signal, String why) {
        return new SignalResult(SignalResult.Status.FAILED, "PID " + pid + ": " + signal + " not sent: " + why);
    }

    static SignalResult fromErrno(long pid, UnixSignal signal, ErrnoException e) {
        switch (e.kind()) {
            case NO_SUCH_PROCESS:
                return alreadyExited(signal, "PID " + pid + " had already exited (" + e.getMessage() + ")");
            case NOT_PERMITTED:
                return new SignalResult(SignalResult.Status.NOT_PERMITTED, "PID " + pid + ": not permitted to send "
                        + signal + " (" + e.getMessage() + "); run as the process's user or with privileges");
            default:
                return new SignalResult(SignalResult.Status.FAILED, "PID " + pid + ": sending " + signal + " failed: "
                        + e.getMessage());
        }
    }
}
