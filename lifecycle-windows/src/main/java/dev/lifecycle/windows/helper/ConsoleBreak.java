// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Wincon;

/**
 * Sends Ctrl+Break to one process group from inside that group's console: leave our own
 * console, attach to the target's, make sure the event cannot end us, generate it, leave.
 * Must run in a process of its own ({@link ConsoleBreakHelper}): attaching replaces this
 * process's console and its control handlers. One helper process may do this many times.
 */
public final class ConsoleBreak {

    /** What was done, with a line for the launcher's report. */
    public record Result(BreakOutcome outcome, String message) {
    }

    private final ConsoleApi console;

    /** @param console the console calls */
    public ConsoleBreak(ConsoleApi console) {
        this.console = console;
    }

    /**
     * Sends Ctrl+Break to the process group whose root is {@code pid}.
     *
     * <p>The caller has checked that the target is the root of its process group (started
     * with {@code CREATE_NEW_PROCESS_GROUP}, as Lima's host agent is): for any other PID the
     * console host either fails with {@code ERROR_INVALID_PARAMETER} ({@link
     * BreakOutcome#NOT_A_GROUP}), reaches nobody, or — older inbox consoles — reaches every
     * process on the console, as for group 0 (microsoft/terminal#335).
     *
     * @param pid the target
     * @return what happened
     */
    public Result send(int pid) {
        String who = "PID " + Integer.toUnsignedString(pid);
        // Fails harmlessly when we have no console (a request before this one left it, or we never had one).
        console.freeConsole();
        if (!console.attachConsole(pid)) {
            int error = console.getLastError();
            return switch (error) {
                case WinError.ERROR_INVALID_HANDLE -> new Result(BreakOutcome.NO_CONSOLE,
                        who + " has no console (AttachConsole: ERROR_INVALID_HANDLE)");
                case WinError.ERROR_INVALID_PARAMETER -> new Result(BreakOutcome.GONE,
                        who + " is not running (AttachConsole: ERROR_INVALID_PARAMETER)");
                case WinError.ERROR_ACCESS_DENIED -> new Result(BreakOutcome.ALREADY_ATTACHED,
                        "cannot attach to the console of " + who + ": AttachConsole said ERROR_ACCESS_DENIED, which"
                                + " means the helper is still attached to a console that FreeConsole did not leave");
                default -> new Result(BreakOutcome.FAILED,
                        "cannot attach to the console of " + who + " (AttachConsole: error " + error + ")");
            };
        }
        try {
            // Attaching reset our handlers; without this one a stray event would end us mid-way.
            if (!console.ignoreCtrlEvents()) {
                return new Result(BreakOutcome.FAILED, "not sending Ctrl+Break to " + who
                        + ": cannot protect the helper (SetConsoleCtrlHandler: error " + console.getLastError() + ")");
            }
            if (!console.generateConsoleCtrlEvent(Wincon.CTRL_BREAK_EVENT, pid)) {
                int error = console.getLastError();
                if (error == WinError.ERROR_INVALID_PARAMETER) {
                    return new Result(BreakOutcome.NOT_A_GROUP, who + " is not a process group on its console"
                            + " (GenerateConsoleCtrlEvent: ERROR_INVALID_PARAMETER), so Ctrl+Break cannot reach it");
                }
                return new Result(BreakOutcome.FAILED, "Ctrl+Break to the process group of " + who
                        + " failed (GenerateConsoleCtrlEvent: error " + error + ")");
            }
            return new Result(BreakOutcome.SENT, "Ctrl+Break sent to the process group of " + who);
        } finally {
            console.freeConsole();
        }
    }
}
