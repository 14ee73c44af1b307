package dev.lifecycle.windows.helper;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Wincon;

/**
 * Sends Ctrl+Break to one process group from inside that group's console: leave our own
 * console, attach to the target's, make sure the event cannot end us, generate it, leave.
 * Must run in a process of its own ({@link ConsoleBreakHelper}): attaching replaces this
 * process's console and its control handlers.
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
     * <p>The target must be the root of its process group (started with {@code
     * CREATE_NEW_PROCESS_GROUP}, as Lima's host agent is). For a PID that is not a group root
     * but is attached to the console, Windows delivers the event to every process on that
     * console, as for group 0 (microsoft/terminal#335); Windows offers no documented way to
     * check group membership beforehand. Agents that wait on a named interrupt event avoid
     * consoles altogether.
     *
     * @param pid the target
     * @return what happened
     */
    public Result send(int pid) {
        String who = "PID " + Integer.toUnsignedString(pid);
        // Fails harmlessly when we have no console (the launcher may start us without one).
        console.freeConsole();
        if (!console.attachConsole(pid)) {
            int error = console.getLastError();
            return switch (error) {
                case WinError.ERROR_INVALID_HANDLE -> new Result(BreakOutcome.NO_CONSOLE,
                        who + " has no console (AttachConsole: ERROR_INVALID_HANDLE)");
                case WinError.ERROR_INVALID_PARAMETER -> new Result(BreakOutcome.GONE,
                        who + " is not running (AttachConsole: ERROR_INVALID_PARAMETER)");
                case WinError.ERROR_ACCESS_DENIED -> new Result(BreakOutcome.DENIED,
                        "cannot attach to the console of " + who + " (AttachConsole: ERROR_ACCESS_DENIED)");
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
                return new Result(BreakOutcome.FAILED, "Ctrl+Break to the process group of " + who
                        + " failed (GenerateConsoleCtrlEvent: error " + console.getLastError() + ")");
            }
            return new Result(BreakOutcome.SENT, "Ctrl+Break sent to the process group of " + who);
        } finally {
            console.freeConsole();
        }
    }
}
