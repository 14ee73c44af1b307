// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the helper did with one request; the name starts its reply line, and the code is its
 * exit code when it ends before serving ({@link #UNSUPPORTED}, {@link #USAGE}, {@link
 * #FAILED}). Code 1 is left out on purpose: it is what a JVM that failed to start the helper
 * (class not found, uncaught exception) exits with.
 */
public enum BreakOutcome {
    /** Ctrl+Break was generated for the target's process group, which is on the console. */
    SENT(0),
    /** {@code AttachConsole} said {@code ERROR_INVALID_HANDLE}: the target has no console. */
    NO_CONSOLE(2),
    /** {@code AttachConsole} said {@code ERROR_INVALID_PARAMETER}: no process has the PID. */
    GONE(3),
    /**
     * {@code AttachConsole} said {@code ERROR_ACCESS_DENIED}, which it documents as "the
     * caller is already attached to a console": the helper could not leave its own.
     */
    ALREADY_ATTACHED(4),
    /** Any other failure; the message says which call and which error. */
    FAILED(5),
    /** The helper runs on Windows only. */
    UNSUPPORTED(6),
    /**
     * {@code GenerateConsoleCtrlEvent} said {@code ERROR_INVALID_PARAMETER}: the PID is not a
     * process group on that console, so Ctrl+Break has no way to it.
     */
    NOT_A_GROUP(7),
    /** The helper was started, or asked, with bad arguments. */
    USAGE(64);

    private final int exitCode;

    BreakOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    /** @return the process exit code that stands for this outcome */
    public int exitCode() {
        return exitCode;
    }

    /**
     * @param exitCode a helper's exit code
     * @return the outcome it stands for, or empty if it stands for none
     */
    public static Optional<BreakOutcome> ofExitCode(int exitCode) {
        return Arrays.stream(values()).filter(o -> o.exitCode == exitCode).findFirst();
    }
}
