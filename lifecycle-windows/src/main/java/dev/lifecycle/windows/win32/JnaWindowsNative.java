package dev.lifecycle.windows.win32;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;

/**
 * {@link WindowsNative} over jna-platform's {@link Kernel32}: every method is one native
 * call and a type conversion, no decisions. The last error is read with {@link
 * Native#getLastError()}, which JNA saves right after each call (calling {@code
 * GetLastError} through JNA could see a value JNA itself overwrote).
 */
public final class JnaWindowsNative implements WindowsNative {

    private final Kernel32 kernel32;

    private JnaWindowsNative(Kernel32 kernel32) {
        this.kernel32 = kernel32;
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
        return new JnaWindowsNative(k);
    }

    @Override
    public long openProcess(int desiredAccess, long pid) {
        return value(kernel32.OpenProcess(desiredAccess, false, (int) pid));
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
