// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The one console function jna-platform does not map: {@code SetConsoleCtrlHandler}. The
 * rest ({@code FreeConsole}, {@code AttachConsole}, {@code GenerateConsoleCtrlEvent}) comes
 * from jna-platform's {@code Kernel32}.
 */
public interface Kernel32Console extends StdCallLibrary {

    /** Loaded on first use; fails with a {@link LinkageError} off Windows. */
    Kernel32Console INSTANCE = Native.load("kernel32", Kernel32Console.class, W32APIOptions.DEFAULT_OPTIONS);

    /** {@code PHANDLER_ROUTINE}: returns TRUE if it handled the event. */
    interface HandlerRoutine extends StdCallCallback {
        /**
         * @param dwCtrlType {@code CTRL_C_EVENT}, {@code CTRL_BREAK_EVENT}, ...
         * @return true if handled (the next handler, ultimately {@code ExitProcess}, is not called)
         */
        boolean callback(int dwCtrlType);
    }

    /**
     * @param handlerRoutine the handler
     * @param add true to add, false to remove
     * @return true on success
     */
    boolean SetConsoleCtrlHandler(HandlerRoutine handlerRoutine, boolean add);
}
