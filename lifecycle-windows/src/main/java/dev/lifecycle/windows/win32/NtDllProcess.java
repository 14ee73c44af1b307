// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The {@code ntdll} function jna-platform does not map: {@code NtQueryInformationProcess},
 * with the information classes the provider reads. Loaded by {@link JnaWindowsNative#load()}.
 */
public interface NtDllProcess extends StdCallLibrary {

    /** {@code PROCESSINFOCLASS}: {@code PROCESS_BASIC_INFORMATION}, which holds the PEB address. */
    int ProcessBasicInformation = 0;
    /** {@code PROCESSINFOCLASS}: {@code PROCESS_HANDLE_SNAPSHOT_INFORMATION} (Windows 8+). */
    int ProcessHandleInformation = 51;
    /** {@code PROCESSINFOCLASS}: the command line as a {@code UNICODE_STRING} (Windows 8.1+). */
    int ProcessCommandLineInformation = 60;
    /** {@code STATUS_INFO_LENGTH_MISMATCH}: the buffer is too small; the needed size is returned. */
    int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;

    /**
     * @param processHandle the process
     * @param processInformationClass what to read
     * @param processInformation where to put it
     * @param processInformationLength its size
     * @param returnLength the size written, or needed
     * @return an NTSTATUS, 0 on success
     */
    int NtQueryInformationProcess(Pointer processHandle, int processInformationClass, Pointer processInformation,
                                  int processInformationLength, IntByReference returnLength);
}
