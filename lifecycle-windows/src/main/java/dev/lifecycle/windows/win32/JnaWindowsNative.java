// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.NtDll;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.W32APIOptions;

/**
 * {@link WindowsNative} over jna-platform's {@link Kernel32}: every method is one native
 * call and a type conversion, no decisions. The last error is read with {@link
 * Native#getLastError()}, which JNA saves right after each call (calling {@code
 * GetLastError} through JNA could see a value JNA itself overwrote).
 */
public final class JnaWindowsNative implements WindowsNative {

    /** Bytes of a {@code PROCESS_BASIC_INFORMATION}: six pointer-sized fields. */
    private static final int BASIC_INFORMATION_SIZE = 6 * Native.POINTER_SIZE;
    /** Enough for most command lines; a longer one is read again at the size the kernel asks for. */
    private static final int FIRST_COMMAND_LINE_SIZE = 2048;
    /** First guess for a handle snapshot; grown to what the call says it needs. */
    private static final int FIRST_SNAPSHOT_SIZE = 64 * 1024;
    /** Bytes of one {@code PROCESS_HANDLE_TABLE_ENTRY_INFO}: three pointer-sized fields, four ULONGs. */
    private static final int HANDLE_ENTRY_SIZE = 3 * Native.POINTER_SIZE + 16;

    private final Kernel32 kernel32;
    private final NtDllProcess ntdll;
    private final KernelBase kernelbase;

    private JnaWindowsNative(Kernel32 kernel32, NtDllProcess ntdll, KernelBase kernelbase) {
        this.kernel32 = kernel32;
        this.ntdll = ntdll;
        this.kernelbase = kernelbase;
    }

    /**
     * Loads {@code kernel32} through JNA and makes one harmless call to prove it works.
     *
     * @return the native layer
     * @throws LinkageError if JNA or {@code kernel32} cannot be loaded (not Windows, no
     *     JNA native library for this platform)
     */
    public static JnaWindowsNative load() {
        Kernel32 k = Kernel32.INSTANCE;
        k.GetCurrentProcessId();
        return new JnaWindowsNative(k, Native.load("ntdll", NtDllProcess.class, W32APIOptions.DEFAULT_OPTIONS),
                Native.load("kernelbase", KernelBase.class, W32APIOptions.DEFAULT_OPTIONS));
    }

    @Override
    public long openProcess(int desiredAccess, long pid) {
        return value(kernel32.OpenProcess(desiredAccess, false, (int) pid));
    }

    @Override
    public long getProcessId(long processHandle) {
        return kernel32.GetProcessId(handle(processHandle)) & 0xFFFF_FFFFL;
    }

    @Override
    public long getProcessCreationTime(long processHandle) {
        WinBase.FILETIME creation = new WinBase.FILETIME();
        WinBase.FILETIME exit = new WinBase.FILETIME();
        WinBase.FILETIME kernel = new WinBase.FILETIME();
        WinBase.FILETIME user = new WinBase.FILETIME();
        if (!kernel32.GetProcessTimes(handle(processHandle), creation, exit, kernel, user)) {
            return -1;
        }
        return ((long) creation.dwHighDateTime << 32) | (creation.dwLowDateTime & 0xFFFF_FFFFL);
    }

    @Override
    public int waitForSingleObject(long handle, int milliseconds) {
        return kernel32.WaitForSingleObject(handle(handle), milliseconds);
    }

    @Override
    public int waitForMultipleObjects(long[] handles, boolean waitAll, int milliseconds) {
        WinNT.HANDLE[] array = new WinNT.HANDLE[handles.length];
        for (int i = 0; i < handles.length; i++) {
            array[i] = handle(handles[i]);
        }
        return kernel32.WaitForMultipleObjects(array.length, array, waitAll, milliseconds);
    }

    @Override
    public boolean terminateProcess(long processHandle, int exitCode) {
        return kernel32.TerminateProcess(handle(processHandle), exitCode);
    }

    @Override
    public boolean closeHandle(long handle) {
        return kernel32.CloseHandle(handle(handle));
    }

    @Override
    public long openEvent(int desiredAccess, String name) {
        return value(kernel32.OpenEvent(desiredAccess, false, name));
    }

    @Override
    public long createEvent(boolean manualReset, boolean initialState) {
        return value(kernel32.CreateEvent(null, manualReset, initialState, null));
    }

    @Override
    public boolean setEvent(long eventHandle) {
        return kernel32.SetEvent(handle(eventHandle));
    }

    @Override
    public long pebBaseAddress(long processHandle) {
        Memory basic = new Memory(BASIC_INFORMATION_SIZE);
        int status = ntdll.NtQueryInformationProcess(new Pointer(processHandle), NtDllProcess.ProcessBasicInformation,
                basic, BASIC_INFORMATION_SIZE, new IntByReference());
        if (status != 0) {
            Native.setLastError(NtDll.INSTANCE.RtlNtStatusToDosError(status));
            return 0;
        }
        // ExitStatus (padded to a pointer), then PebBaseAddress.
        return Pointer.nativeValue(basic.getPointer(Native.POINTER_SIZE));
    }

    @Override
    public String processCommandLine(long processHandle) {
        int size = FIRST_COMMAND_LINE_SIZE;
        while (true) {
            Memory buffer = new Memory(size);
            IntByReference needed = new IntByReference();
            int status = ntdll.NtQueryInformationProcess(new Pointer(processHandle),
                    NtDllProcess.ProcessCommandLineInformation, buffer, size, needed);
            if (status == NtDllProcess.STATUS_INFO_LENGTH_MISMATCH && needed.getValue() > size) {
                size = needed.getValue();
                continue;
            }
            if (status != 0) {
                Native.setLastError(NtDll.INSTANCE.RtlNtStatusToDosError(status));
                return null;
            }
            // UNICODE_STRING: USHORT Length (bytes), USHORT MaximumLength, then the Buffer pointer
            // (aligned to a pointer), which points into the same memory, after the structure.
            int length = buffer.getShort(0) & 0xFFFF;
            Pointer text = buffer.getPointer(Native.POINTER_SIZE);
            return text == null ? "" : new String(text.getCharArray(0, length / 2));
        }
    }

    @Override
    public byte[] readProcessMemory(long processHandle, long address, int size) {
        Memory buffer = new Memory(size);
        IntByReference read = new IntByReference();
        if (!kernel32.ReadProcessMemory(handle(processHandle), new Pointer(address), buffer, size, read)) {
            return null;
        }
        if (read.getValue() != size) {
            Native.setLastError(Win32.ERROR_PARTIAL_COPY);
            return null;
        }
        return buffer.getByteArray(0, size);
    }

    @Override
    public HandleEntry[] processHandles(long processHandle) {
        int size = FIRST_SNAPSHOT_SIZE;
        while (true) {
            Memory snapshot = new Memory(size);
            IntByReference needed = new IntByReference();
            int status = ntdll.NtQueryInformationProcess(new Pointer(processHandle),
                    NtDllProcess.ProcessHandleInformation, snapshot, size, needed);
            if (status == NtDllProcess.STATUS_INFO_LENGTH_MISMATCH && needed.getValue() > size) {
                size = needed.getValue() + 16 * HANDLE_ENTRY_SIZE; // room for handles opened meanwhile
                continue;
            }
            if (status != 0) {
                Native.setLastError(NtDll.INSTANCE.RtlNtStatusToDosError(status));
                return null;
            }
            // NumberOfHandles and Reserved (pointer-sized each), then the entries:
            // HandleValue, HandleCount, PointerCount (pointer-sized), GrantedAccess, ObjectTypeIndex, ...
            long count = Native.POINTER_SIZE == 8 ? snapshot.getLong(0) : snapshot.getInt(0) & 0xFFFF_FFFFL;
            HandleEntry[] entries = new HandleEntry[Math.toIntExact(count)];
            for (int i = 0; i < entries.length; i++) {
                long base = 2L * Native.POINTER_SIZE + (long) i * HANDLE_ENTRY_SIZE;
                long value = Pointer.nativeValue(snapshot.getPointer(base));
                int type = snapshot.getInt(base + 3L * Native.POINTER_SIZE + 4);
                entries[i] = new HandleEntry(value, type);
            }
            return entries;
        }
    }

    @Override
    public long duplicateHandleFrom(long sourceProcess, long sourceHandle) {
        WinNT.HANDLEByReference copy = new WinNT.HANDLEByReference();
        if (!kernel32.DuplicateHandle(handle(sourceProcess), handle(sourceHandle), kernel32.GetCurrentProcess(), copy,
                0, false, Win32.DUPLICATE_SAME_ACCESS)) {
            return 0;
        }
        return value(copy.getValue());
    }

    @Override
    public boolean compareObjectHandles(long first, long second) {
        try {
            Native.setLastError(0); // it sets no error of its own when the objects differ
            return kernelbase.CompareObjectHandles(new Pointer(first), new Pointer(second));
        } catch (UnsatisfiedLinkError e) {
            Native.setLastError(Win32.ERROR_PROC_NOT_FOUND); // before Windows 10 1607
            return false;
        }
    }

    @Override
    public int getLastError() {
        return Native.getLastError();
    }

    private static WinNT.HANDLE handle(long value) {
        return new WinNT.HANDLE(new Pointer(value));
    }

    private static long value(WinNT.HANDLE handle) {
        return handle == null || handle.getPointer() == null ? 0 : Pointer.nativeValue(handle.getPointer());
    }
}
