// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

/**
 * The Win32 calls the Windows provider makes, one method per native function, nothing
 * more. Handles are raw {@code HANDLE} values as {@code long}; {@code 0} is {@code NULL}.
 * A failing call returns its documented failure value and leaves the reason in {@link
 * #getLastError()}, on the calling thread, exactly like the native function.
 *
 * <p>Keeping this interface this thin is what lets every decision above it be tested on
 * any OS with a mock or a fake in its place.
 */
public interface WindowsNative {

    /**
     * {@code OpenProcess(desiredAccess, FALSE, pid)}.
     *
     * @param desiredAccess access rights, see {@link Win32}
     * @param pid the process ID (a DWORD)
     * @return the handle, or 0 on failure
     */
    long openProcess(int desiredAccess, long pid);

    /**
     * {@code GetProcessId(handle)}: the PID of the process a handle refers to. Windows ignores
     * the two low bits of a PID in {@code OpenProcess}, so this is what says which process
     * was actually opened.
     *
     * @param processHandle a handle with {@code PROCESS_QUERY_LIMITED_INFORMATION}
     * @return the PID, or 0 on failure
     */
    long getProcessId(long processHandle);

    /**
     * {@code GetProcessTimes(handle, &creation, ...)}, reduced to the creation time.
     *
     * @param processHandle a handle with {@code PROCESS_QUERY_LIMITED_INFORMATION}
     * @return the creation time as a FILETIME value (100 ns ticks since 1601-01-01 UTC),
     *     or -1 on failure
     */
    long getProcessCreationTime(long processHandle);

    /**
     * {@code WaitForSingleObject(handle, milliseconds)}.
     *
     * @param handle a waitable handle
     * @param milliseconds the wait, 0 to poll once, {@link Win32#INFINITE} for ever
     * @return {@link Win32#WAIT_OBJECT_0}, {@link Win32#WAIT_TIMEOUT} or {@link Win32#WAIT_FAILED}
     */
    int waitForSingleObject(long handle, int milliseconds);

    /**
     * {@code WaitForMultipleObjects(handles.length, handles, waitAll, milliseconds)}.
     *
     * @param handles at most {@link Win32#MAXIMUM_WAIT_OBJECTS} distinct handles
     * @param waitAll wait for all rather than any
     * @param milliseconds the wait, {@link Win32#INFINITE} for ever
     * @return {@code WAIT_OBJECT_0 + i} for the lowest signalled index, {@link
     *     Win32#WAIT_TIMEOUT}, or {@link Win32#WAIT_FAILED}
     */
    int waitForMultipleObjects(long[] handles, boolean waitAll, int milliseconds);

    /**
     * {@code TerminateProcess(handle, exitCode)}; asynchronous, wait on the handle to confirm.
     *
     * @param processHandle a handle with {@code PROCESS_TERMINATE}
     * @param exitCode the exit code the process will have
     * @return true on success
     */
    boolean terminateProcess(long processHandle, int exitCode);

    /**
     * {@code CloseHandle(handle)}.
     *
     * @param handle the handle
     * @return true on success
     */
    boolean closeHandle(long handle);

    /**
     * {@code OpenEventW(desiredAccess, FALSE, name)}.
     *
     * @param desiredAccess access rights, such as {@link Win32#EVENT_MODIFY_STATE}
     * @param name the event name, e.g. {@code Local\lima-interrupt-1234}
     * @return the handle, or 0 on failure ({@link Win32#ERROR_FILE_NOT_FOUND} if no such event)
     */
    long openEvent(int desiredAccess, String name);

    /**
     * {@code CreateEventW(NULL, manualReset, initialState, NULL)}: an unnamed event.
     *
     * @param manualReset true for a manual-reset event, false for auto-reset
     * @param initialState true to create it signalled
     * @return the handle, or 0 on failure
     */
    long createEvent(boolean manualReset, boolean initialState);

    /**
     * {@code SetEvent(handle)}.
     *
     * @param eventHandle an event handle with {@code EVENT_MODIFY_STATE}
     * @return true on success
     */
    boolean setEvent(long eventHandle);

    /**
     * {@code NtQueryInformationProcess(handle, ProcessBasicInformation, ...)}, reduced to the
     * address of the process's PEB (in the process's own address space). An NTSTATUS failure
     * is left in {@link #getLastError()} as its Win32 code ({@code RtlNtStatusToDosError}).
     *
     * @param processHandle a handle with {@code PROCESS_QUERY_LIMITED_INFORMATION}
     * @return the PEB address, or 0 on failure
     */
    long pebBaseAddress(long processHandle);

    /**
     * {@code NtQueryInformationProcess(handle, ProcessCommandLineInformation, ...)} (Windows
     * 8.1+): the process's command line as one string, retried with a larger buffer until it
     * fits. An NTSTATUS failure is left in {@link #getLastError()} as its Win32 code.
     *
     * @param processHandle a handle with {@code PROCESS_QUERY_LIMITED_INFORMATION}
     * @return the command line, or null on failure
     */
    String processCommandLine(long processHandle);

    /**
     * {@code ReadProcessMemory(handle, address, buffer, size, &read)}; all or nothing.
     *
     * @param processHandle a handle with {@code PROCESS_VM_READ}
     * @param address where to read, in the process's address space
     * @param size how many bytes
     * @return the bytes (exactly {@code size}), or null on failure (a short read is a failure)
     */
    byte[] readProcessMemory(long processHandle, long address, int size);

    /**
     * {@code NtQueryInformationProcess(handle, ProcessHandleInformation, ...)} (Windows 8+):
     * the handles a process holds, retried with a larger buffer until they fit. An NTSTATUS
     * failure is left in {@link #getLastError()} as its Win32 code.
     *
     * @param processHandle a handle with {@code PROCESS_QUERY_INFORMATION}
     * @return the entries, or null on failure
     */
    HandleEntry[] processHandles(long processHandle);

    /**
     * {@code DuplicateHandle(sourceProcess, sourceHandle, GetCurrentProcess(), &copy, 0, FALSE,
     * DUPLICATE_SAME_ACCESS)}: a copy, in this process, of a handle another process holds.
     *
     * @param sourceProcess a handle with {@code PROCESS_DUP_HANDLE} on the holder
     * @param sourceHandle the handle value in the holder's table
     * @return the copy (close it), or 0 on failure
     */
    long duplicateHandleFrom(long sourceProcess, long sourceHandle);

    /**
     * {@code CompareObjectHandles(first, second)} (Windows 10 1607+): do two handles refer to
     * the same kernel object? Where the function does not exist, false with {@link
     * Win32#ERROR_PROC_NOT_FOUND} in {@link #getLastError()}.
     *
     * @param first a handle
     * @param second another handle
     * @return true if both refer to the same object
     */
    boolean compareObjectHandles(long first, long second);

    /**
     * {@code GetLastError()} as it stood right after the previous call on this thread.
     *
     * @return the Win32 error code
     */
    int getLastError();
}
