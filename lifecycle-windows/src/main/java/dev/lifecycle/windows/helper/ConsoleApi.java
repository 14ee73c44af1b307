// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

/**
 * The console calls the helper makes, one method per Win32 function: the native boundary
 * of {@link ConsoleBreak}, so that its decisions are tested without a console.
 */
public interface ConsoleApi {

    /** @return {@code FreeConsole()} succeeded */
    boolean freeConsole();

    /**
     * @param pid the process whose console to attach to
     * @return {@code AttachConsole(pid)} succeeded
     */
    boolean attachConsole(int pid);

    /**
     * Installs a console control handler that returns TRUE for every event, so that an
     * event that reaches this process does not end it.
     *
     * @return {@code SetConsoleCtrlHandler(handler, TRUE)} succeeded
     */
    boolean ignoreCtrlEvents();

    /**
     * @param ctrlEvent {@code CTRL_BREAK_EVENT}
     * @param processGroupId the group, which is the PID of its root process
     * @return {@code GenerateConsoleCtrlEvent(ctrlEvent, processGroupId)} succeeded
     */
    boolean generateConsoleCtrlEvent(int ctrlEvent, int processGroupId);

    /** @return {@code GetLastError()} right after the previous call */
    int getLastError();
}
