// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;

/**
 * The Win32 constants the provider uses, taken from jna-platform's mappings (they are
 * compile-time constants, so using them never loads a native library) plus the two that
 * jna-platform lacks.
 */
public final class Win32 {

    /** Access right to read a process's times and exit status. */
    public static final int PROCESS_QUERY_LIMITED_INFORMATION = WinNT.PROCESS_QUERY_LIMITED_INFORMATION;
    /** Access right to wait on an object. */
    public static final int SYNCHRONIZE = WinNT.SYNCHRONIZE;
    /** Access right to terminate a process. */
    public static final int PROCESS_TERMINATE = WinNT.PROCESS_TERMINATE;
    /** Access right to read a process's memory (its PEB, for the console process group). */
    public static final int PROCESS_VM_READ = WinNT.PROCESS_VM_READ;
    /** Access right to list a process's handles. */
    public static final int PROCESS_QUERY_INFORMATION = WinNT.PROCESS_QUERY_INFORMATION;
    /** Access right to copy a handle out of a process. */
    public static final int PROCESS_DUP_HANDLE = WinNT.PROCESS_DUP_HANDLE;
    /** Access right to set an event. */
    public static final int EVENT_MODIFY_STATE = WinNT.EVENT_MODIFY_STATE;

    /** The object (or the first of a wait's array) is signalled. */
    public static final int WAIT_OBJECT_0 = WinBase.WAIT_OBJECT_0;
    /** First abandoned-mutex result of a multiple wait (never expected for processes or events). */
    public static final int WAIT_ABANDONED_0 = WinBase.WAIT_ABANDONED_0;
    /** The wait timed out. */
    public static final int WAIT_TIMEOUT = WinError.WAIT_TIMEOUT;
    /** The wait failed; see GetLastError. */
    public static final int WAIT_FAILED = WinBase.WAIT_FAILED;
    /** Wait without a time limit. */
    public static final int INFINITE = WinBase.INFINITE;
    /**
     * Most handles one {@code WaitForMultipleObjects} call accepts ({@code MAXIMUM_WAIT_OBJECTS}
     * in {@code winnt.h}; jna-platform does not define it).
     */
    public static final int MAXIMUM_WAIT_OBJECTS = 64;
    /** {@code DuplicateHandle} option: the copy gets the source's access ({@code winnt.h}; not in jna-platform). */
    public static final int DUPLICATE_SAME_ACCESS = 0x2;

    /** No such file, or no such named event. */
    public static final int ERROR_FILE_NOT_FOUND = WinError.ERROR_FILE_NOT_FOUND;
    /** Access denied. */
    public static final int ERROR_ACCESS_DENIED = WinError.ERROR_ACCESS_DENIED;
    /** Invalid handle; from {@code AttachConsole}: the target has no console. */
    public static final int ERROR_INVALID_HANDLE = WinError.ERROR_INVALID_HANDLE;
    /** Invalid parameter; from {@code OpenProcess}: no process has that PID. */
    public static final int ERROR_INVALID_PARAMETER = WinError.ERROR_INVALID_PARAMETER;

    /** A function is missing from its DLL (an older Windows). */
    public static final int ERROR_PROC_NOT_FOUND = WinError.ERROR_PROC_NOT_FOUND;
    /** A read of another process's memory came back short. */
    public static final int ERROR_PARTIAL_COPY = WinError.ERROR_PARTIAL_COPY;

    /** Largest value a Windows PID (a DWORD) can have. */
    public static final long MAX_PID = 0xFFFF_FFFFL;
    /** The System process; it and the Idle process (0) have no command line and are never an instance's. */
    public static final long SYSTEM_PID = 4;

    private Win32() {
    }

    /**
     * Names a Win32 error code for messages, e.g. {@code ERROR_ACCESS_DENIED (5)}.
     *
     * @param error the code
     * @return its symbolic name where we know it, with the number
     */
    public static String errorName(int error) {
        String name = switch (error) {
            case ERROR_FILE_NOT_FOUND -> "ERROR_FILE_NOT_FOUND";
            case ERROR_ACCESS_DENIED -> "ERROR_ACCESS_DENIED";
            case ERROR_INVALID_HANDLE -> "ERROR_INVALID_HANDLE";
            case ERROR_INVALID_PARAMETER -> "ERROR_INVALID_PARAMETER";
            case ERROR_PROC_NOT_FOUND -> "ERROR_PROC_NOT_FOUND";
            case ERROR_PARTIAL_COPY -> "ERROR_PARTIAL_COPY";
            default -> "error";
        };
        return name + " (" + error + ")";
    }
}
