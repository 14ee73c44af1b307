// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.spi.ReferenceScan;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows reference scan reads each command line on a query-only handle and closes it. */
class WindowsReferenceScannerTest {

    private static final int QUERY = Win32.PROCESS_QUERY_LIMITED_INFORMATION;

    @TempDir
    Path lima;

    private final WindowsNative win = mock(WindowsNative.class);
    private final WindowsReferenceScanner scanner = new WindowsReferenceScanner(new Win32Calls(win, TargetFixtures.SELF));

    private void process(long pid, long handle, String commandLine) {
        when(win.openProcess(QUERY, pid)).thenReturn(handle);
        when(win.getProcessId(handle)).thenReturn(pid);
        when(win.processCommandLine(handle)).thenReturn(commandLine);
    }

    @Test
    void listsOnlyTheProcessesWhoseCommandLineNamesTheInstanceAndClosesEveryHandle() throws IOException {
        Path dir = Files.createDirectories(lima.resolve("default"));
        Path other = Files.createDirectories(lima.resolve("other"));
        process(100, 0x10, "limactl.exe hostagent --pidfile \"" + dir.resolve("ha.pid") + "\" default");
        process(200, 0x20, "limactl.exe hostagent --pidfile " + other.resolve("ha.pid") + " other");
        process(300, 0x30, "ssh.exe -o ControlPath=" + dir.resolve("ssh.sock") + " lima-default");
        when(win.openProcess(QUERY, 400)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);

        ReferenceScan scan = scanner.scan(dir, List.of(0L, 4L, 100L, 200L, 300L, 400L, TargetFixtures.SELF));

        assertEquals(List.of(100L, 300L), scan.referring().stream().map(ReferenceScan.Referrer::pid).toList(),
                scan.toString());
        assertTrue(scan.unread().stream().anyMatch(u -> u.contains("1 processes")), scan.toString());
        verify(win).closeHandle(0x10);
        verify(win).closeHandle(0x20);
        verify(win).closeHandle(0x30);
        verify(win, never()).openProcess(anyInt(), eq(4L));
        verify(win, never()).openProcess(anyInt(), eq(TargetFixtures.SELF));
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }
}
