// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.lifecycle.api.HostOs;

/**
 * Makes SIGINT and SIGTERM catchable again when this process started with them ignored
 * (a background job of a non-interactive shell, {@code nohup}). The JVM keeps such a signal
 * ignored, so the simulated agent would never see the interrupt; Lima's real agent is a Go
 * program, and Go's {@code signal.Notify} resets an ignored SIGINT the same way.
 */
final class InheritedSignalReset {

    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    /** Just the one libc call needed; SIG_DFL is the null handler. */
    private interface CLib extends Library {
        Pointer signal(int signum, Pointer handler);
    }

    private InheritedSignalReset() {
    }

    /**
     * Resets SIGINT and SIGTERM to their default disposition on Unix, before handlers are installed.
     *
     * @return a note for the agent's log, or an empty string when nothing was done
     */
    static String resetToDefault() {
        if (HostOs.current() == HostOs.WINDOWS) {
            return "";
        }
        try {
            CLib c = Native.load("c", CLib.class);
            c.signal(SIGINT, null);
            c.signal(SIGTERM, null);
            return "";
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return "could not reset inherited signal dispositions (" + e + "); an ignored SIGINT stays ignored";
        }
    }
}
