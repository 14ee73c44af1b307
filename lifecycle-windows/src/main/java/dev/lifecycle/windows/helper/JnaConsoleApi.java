// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;

/** {@link ConsoleApi} over JNA: jna-platform's {@link Kernel32} plus {@link Kernel32Console}. */
final class JnaConsoleApi implements ConsoleApi {

    /**
     * Strongly reachable for the life of the helper: the OS calls it from its own thread
     * and JNA frees the native stub of a callback once the Java object is collected.
     */
    private static final Kernel32Console.HandlerRoutine HANDLED = ctrlType -> true;

    private final Kernel32 kernel32 = Kernel32.INSTANCE;
    private final Kernel32Console console = Kernel32Console.INSTANCE;

    @Override
    public boolean freeConsole() {
        return kernel32.FreeConsole();
    }

    @Override
    public boolean attachConsole(int pid) {
        return kernel32.AttachConsole(pid);
    }

    @Override
    public boolean ignoreCtrlEvents() {
        return console.SetConsoleCtrlHandler(HANDLED, true);
    }

    @Override
    public boolean generateConsoleCtrlEvent(int ctrlEvent, int processGroupId) {
        return kernel32.GenerateConsoleCtrlEvent(ctrlEvent, processGroupId);
    }

    @Override
    public int getLastError() {
        return Native.getLastError();
    }
}
