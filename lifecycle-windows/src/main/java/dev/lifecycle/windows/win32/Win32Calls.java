// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import java.util.Arrays;
import java.util.List;

/**
 * Java-friendly wrapper over {@link WindowsNative}, used where a sequence of calls reads
 * better with failures as exceptions: every failure becomes a {@link Win32CallException}
 * with the call and its error code, and every process open is checked against the PID
 * asked for ({@link OtherProcessException}). {@link WindowsNative} stays one method per
 * native function, so that this is tested against a mock. Thread-safe.
 */
public final class Win32Calls {

    /** {@code GetCurrentProcess()}: the pseudo-handle every process has on itself. */
    public static final long CURRENT_PROCESS = -1L;

    private final WindowsNative win;
    private final long self;

    /**
     * @param win the native calls
     * @param self the current process's PID
     */
    public Win32Calls(WindowsNative win, long self) {
        this.win = win;
        this.self = self;
    }

    /** @return the current process's PID, which {@link #openProcess} never opens */
    public long self() {
        return self;
    }

    /** @return the native calls underneath, for calls whose return value is not an error (waits) */
    public WindowsNative raw() {
        return win;
    }

    /**
     * {@code OpenProcess}, then {@code GetProcessId} on the handle: the handle is returned only
     * if it refers to exactly {@code pid}, and never to the current process.
     *
     * @param pid the process
     * @param access the rights needed; {@code PROCESS_QUERY_LIMITED_INFORMATION} is added for the check
     * @return the handle, owned by the caller
     * @throws Win32CallException if it cannot be opened ({@link Win32#ERROR_INVALID_PARAMETER}:
     *     no such process) or checked
     * @throws OtherProcessException if the handle refers to another process
     */
    public long openProcess(long pid, int access) {
        long handle = win.openProcess(access | Win32.PROCESS_QUERY_LIMITED_INFORMATION, pid);
        if (handle == 0) {
            throw new Win32CallException("OpenProcess(" + pid + ")", win.getLastError());
        }
        long opened = win.getProcessId(handle);
        if (opened == pid && opened != self) {
            return handle;
        }
        int error = win.getLastError();
        win.closeHandle(handle);
        if (opened == 0) {
            throw new Win32CallException("GetProcessId(OpenProcess(" + pid + "))", error);
        }
        throw new OtherProcessException(pid, opened, opened == self);
    }

    /**
     * {@code CloseHandle}; a failure is not thrown (there is nothing to do about it).
     *
     * @param handle the handle
     */
    public void close(long handle) {
        win.closeHandle(handle);
    }

    /**
     * @param process a handle with {@code PROCESS_QUERY_LIMITED_INFORMATION}
     * @return the process's command line, as one string
     */
    public String commandLine(long process) {
        String line = win.processCommandLine(process);
        if (line == null) {
            throw new Win32CallException("NtQueryInformationProcess(ProcessCommandLineInformation)", win.getLastError());
        }
        return line;
    }

    /**
     * @param process a handle with {@code PROCESS_QUERY_LIMITED_INFORMATION}
     * @return the address of the process's PEB
     */
    public long pebBaseAddress(long process) {
        long peb = win.pebBaseAddress(process);
        if (peb == 0) {
            throw new Win32CallException("NtQueryInformationProcess(ProcessBasicInformation)", win.getLastError());
        }
        return peb;
    }

    /**
     * @param process a handle with {@code PROCESS_VM_READ}
     * @param address where
     * @param pointerSize 8 or 4, the process's pointer size
     * @return the pointer stored there
     */
    public long readPointer(long process, long address, int pointerSize) {
        byte[] b = read(process, address, pointerSize);
        long value = 0;
        for (int i = pointerSize - 1; i >= 0; i--) {
            value = (value << 8) | (b[i] & 0xFF);
        }
        return value;
    }

    /**
     * @param process a handle with {@code PROCESS_VM_READ}
     * @param address where
     * @return the little-endian 32-bit value stored there, unsigned
     */
    public long readUnsignedInt(long process, long address) {
        return readPointer(process, address, 4);
    }

    private byte[] read(long process, long address, int size) {
        byte[] bytes = win.readProcessMemory(process, address, size);
        if (bytes == null || bytes.length != size) {
            throw new Win32CallException("ReadProcessMemory(0x" + Long.toHexString(address) + ", " + size + ")",
                    bytes == null ? win.getLastError() : Win32.ERROR_PARTIAL_COPY);
        }
        return bytes;
    }

    /**
     * @param process a handle with {@code PROCESS_QUERY_INFORMATION}, or {@link #CURRENT_PROCESS}
     * @return the handles it holds
     */
    public List<HandleEntry> handles(long process) {
        HandleEntry[] entries = win.processHandles(process);
        if (entries == null) {
            throw new Win32CallException("NtQueryInformationProcess(ProcessHandleInformation)", win.getLastError());
        }
        return Arrays.asList(entries);
    }

    /**
     * @param process a handle with {@code PROCESS_DUP_HANDLE} on the holder
     * @param handle a handle value in its table
     * @return a copy in this process (close it)
     */
    public long duplicateFrom(long process, long handle) {
        long copy = win.duplicateHandleFrom(process, handle);
        if (copy == 0) {
            throw new Win32CallException("DuplicateHandle(0x" + Long.toHexString(handle) + ")", win.getLastError());
        }
        return copy;
    }

    /**
     * @param first a handle
     * @param second another
     * @return true if both refer to the same kernel object
     * @throws Win32CallException with {@link Win32#ERROR_PROC_NOT_FOUND} before Windows 10 1607
     */
    public boolean sameObject(long first, long second) {
        if (win.compareObjectHandles(first, second)) {
            return true;
        }
        int error = win.getLastError();
        if (error == Win32.ERROR_PROC_NOT_FOUND) {
            throw new Win32CallException("CompareObjectHandles", error);
        }
        return false;
    }
}
