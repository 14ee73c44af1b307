// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.StartTimeCheck;
import dev.lifecycle.windows.exitwatch.WindowsExitWatcher;
import dev.lifecycle.windows.win32.FileTimes;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity pinned by a handle: every path of find(), with the native layer mocked. */
class WindowsProcessFinderTest {

    private static final long PID = 4242;
    private static final long HANDLE = 0x1F4;
    private static final Instant STARTED = Instant.parse("2025-03-01T10:00:00.1234567Z");

    private static final long SELF = TargetFixtures.SELF;

    private final WindowsNative win = mock(WindowsNative.class);
    private final WindowsProcessFinder finder = new WindowsProcessFinder(new Win32Calls(win, SELF),
            TargetFixtures.interrupt(win), new WindowsExitWatcher(win), StartTimeCheck.DEFAULT_TOLERANCE);

    private void opens(long pid, long handle, long actualPid) {
        when(win.openProcess(WindowsProcessFinder.WATCH_ACCESS, pid)).thenReturn(handle);
        when(win.getProcessId(handle)).thenReturn(actualPid);
    }

    private void running(Instant created) {
        opens(PID, HANDLE, PID);
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.getProcessCreationTime(HANDLE)).thenReturn(FileTimes.fromInstant(created));
    }

    @TempDir
    Path lima;

    /** A live process whose command line the mock returns, and its PID file in {@code instance}. */
    private ProcessRef agentWithCommandLine(String commandLine, Path instance, Instant pidFileWritten) {
        running(STARTED);
        when(win.processCommandLine(HANDLE)).thenReturn(commandLine);
        return ProcessRef.recordedIn(PID, instance.resolve("ha.pid"), pidFileWritten);
    }

    private Path instance(String name) throws IOException {
        return Files.createDirectories(lima.resolve(name));
    }

    @Test
    void anAgentWhoseCommandLineNamesItsInstanceIsOursThoughThePidFileLooksOlder() throws IOException {
        Path dir = instance("my vm");
        ProcessRef ref = agentWithCommandLine("\"C:\\Program Files\\limactl.exe\" hostagent --pidfile \""
                + dir.resolve("ha.pid") + "\" default", dir, STARTED.minus(Duration.ofHours(1)));

        ProcessLookup lookup = finder.find(ref, Optional.of(ExpectedOwner.namingItsInstance(dir)));

        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail());
        assertTrue(found.detail().contains("refers to this instance"), found.detail());
        found.target().close();
        verify(win).processCommandLine(HANDLE); // read on the pinning handle
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void anAgentOfAnotherInstanceIsNotOursAndItsHandleIsClosed() throws IOException {
        Path copy = instance("copy");
        Path original = instance("original");
        ProcessRef ref = agentWithCommandLine("limactl.exe hostagent --pidfile " + original.resolve("ha.pid"),
                copy, STARTED.plusSeconds(5));

        ProcessLookup lookup = finder.find(ref, Optional.of(ExpectedOwner.namingItsInstance(copy)));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        verify(win).closeHandle(HANDLE);
    }

    @Test
    void aProcessNamingNoInstanceWithAPlausibleStartIsUnknownAndItsHandleIsClosed() throws IOException {
        Path dir = instance("vm");
        ProcessRef ref = agentWithCommandLine("notepad.exe C:\\notes.txt", dir, STARTED.plusSeconds(5));

        ProcessLookup lookup = finder.find(ref, Optional.of(ExpectedOwner.namingItsInstance(dir)));

        assertInstanceOf(ProcessLookup.Unknown.class, lookup, lookup.detail());
        verify(win).closeHandle(HANDLE);
    }

    @Test
    void anUnreadableCommandLineLeavesTheStartTimeAloneAndSaysSo() throws IOException {
        Path dir = instance("vm");
        running(STARTED);
        when(win.processCommandLine(HANDLE)).thenReturn(null);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);

        ProcessLookup lookup = finder.find(ProcessRef.recordedIn(PID, dir.resolve("ha.pid"), STARTED.plusSeconds(5)),
                Optional.of(ExpectedOwner.namingItsInstance(dir)));

        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail());
        assertTrue(found.detail().contains("start time alone") && found.detail().contains("ACCESS_DENIED"),
                found.detail());
        found.target().close();
    }

    @Test
    void theTargetsHandleMayOnlyQueryAndWaitNotTerminate() {
        assertEquals(0x1000 | 0x100000, WindowsProcessFinder.WATCH_ACCESS);
    }

    @Test
    void aHandleToAnotherPidThanTheOneAskedForIsNotOursClosedAndNeverUsed() {
        // Windows ignores the two low bits of a PID: OpenProcess(4243) opens 4240.
        opens(4243, HANDLE, 4240);
        ProcessLookup lookup = finder.find(ProcessRef.recordedIn(4243, Path.of("ha.pid"), STARTED));
        ProcessLookup.NotOurs notOurs = assertInstanceOf(ProcessLookup.NotOurs.class, lookup);
        assertTrue(notOurs.detail().contains("PID 4243") && notOurs.detail().contains("opened PID 4240"),
                notOurs.detail());
        assertTrue(notOurs.detail().contains("two low bits"), notOurs.detail());
        verify(win).closeHandle(HANDLE);
        verify(win, never()).getProcessCreationTime(anyLong());
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void aPidThatOpensTheCurrentProcessIsNotOursEvenWhenItsStartWouldMatch() {
        // A PID file holding self+1..self+3 passes the "never the current process" rule by number.
        opens(SELF + 2, HANDLE, SELF);
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.getProcessCreationTime(HANDLE)).thenReturn(FileTimes.fromInstant(STARTED));
        ProcessLookup lookup = finder.find(ProcessRef.started(SELF + 2, STARTED));
        ProcessLookup.NotOurs notOurs = assertInstanceOf(ProcessLookup.NotOurs.class, lookup);
        assertTrue(notOurs.detail().contains("this very process"), notOurs.detail());
        verify(win).closeHandle(HANDLE);
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void aHandleWhosePidCannotBeReadIsUnknownAndClosed() {
        opens(PID, HANDLE, 0);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.Unknown.class, lookup);
        assertTrue(lookup.detail().contains("GetProcessId"), lookup.detail());
        verify(win).closeHandle(HANDLE);
    }

    @Test
    void aMatchingStartTimeGivesAPinnedTargetThatKeepsTheHandleUntilClosed() {
        running(STARTED);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED));
        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class, lookup);
        assertEquals(PID, found.target().pid());
        assertEquals(Optional.of(STARTED), found.target().startInstant());
        verify(win, never()).closeHandle(anyLong());
        found.target().close();
        found.target().close();
        verify(win, times(1)).closeHandle(HANDLE);
    }

    @Test
    void aProcessStartedNoLaterThanItsPidFileIsOurs() {
        running(STARTED);
        ProcessLookup lookup = finder.find(ProcessRef.recordedIn(PID, Path.of("ha.pid"), STARTED.plusSeconds(5)));
        assertInstanceOf(ProcessLookup.Found.class, lookup).target().close();
    }

    @Test
    void aReusedPidIsNotOursItsHandleIsClosedAndNothingIsTerminated() {
        running(STARTED.plusSeconds(3600));
        ProcessLookup lookup = finder.find(ProcessRef.recordedIn(PID, Path.of("ha.pid"), STARTED));
        ProcessLookup.NotOurs notOurs = assertInstanceOf(ProcessLookup.NotOurs.class, lookup);
        assertTrue(notOurs.detail().contains("PID " + PID), notOurs.detail());
        assertTrue(notOurs.detail().contains("ha.pid"), notOurs.detail());
        verify(win).closeHandle(HANDLE);
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void aDifferentRecordedStartInstantIsNotOurs() {
        running(STARTED);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED.minusSeconds(60)));
        assertInstanceOf(ProcessLookup.NotOurs.class, lookup);
        verify(win).closeHandle(HANDLE);
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void noSuchProcessIsNotRunningAndThereIsNothingToClose() {
        when(win.openProcess(WindowsProcessFinder.WATCH_ACCESS, PID)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_INVALID_PARAMETER);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.NotRunning.class, lookup);
        assertTrue(lookup.detail().contains("PID " + PID), lookup.detail());
        verify(win, never()).closeHandle(anyLong());
    }

    @Test
    void accessDeniedIsUnknownAndTheProcessIsLeftAlone() {
        when(win.openProcess(WindowsProcessFinder.WATCH_ACCESS, PID)).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.Unknown.class, lookup);
        assertTrue(lookup.detail().contains("ERROR_ACCESS_DENIED"), lookup.detail());
        verify(win, never()).terminateProcess(anyLong(), anyInt());
    }

    @Test
    void anotherOpenErrorIsUnknown() {
        when(win.openProcess(WindowsProcessFinder.WATCH_ACCESS, PID)).thenReturn(0L);
        when(win.getLastError()).thenReturn(1234);
        assertInstanceOf(ProcessLookup.Unknown.class, finder.find(ProcessRef.started(PID, STARTED)));
    }

    @Test
    void aSignalledHandleMeansTheProcessExitedAndTheHandleIsClosed() {
        opens(PID, HANDLE, PID);
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_OBJECT_0);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.NotRunning.class, lookup);
        verify(win).closeHandle(HANDLE);
        verify(win, never()).getProcessCreationTime(anyLong());
    }

    @Test
    void aFailedWaitIsUnknownAndTheHandleIsClosed() {
        opens(PID, HANDLE, PID);
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_FAILED);
        assertInstanceOf(ProcessLookup.Unknown.class, finder.find(ProcessRef.started(PID, STARTED)));
        verify(win).closeHandle(HANDLE);
    }

    @Test
    void anUnreadableCreationTimeIsUnknownAndTheHandleIsClosed() {
        opens(PID, HANDLE, PID);
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.getProcessCreationTime(HANDLE)).thenReturn(-1L);
        when(win.getLastError()).thenReturn(Win32.ERROR_ACCESS_DENIED);
        ProcessLookup lookup = finder.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.Unknown.class, lookup);
        assertTrue(lookup.detail().contains("GetProcessTimes"), lookup.detail());
        verify(win).closeHandle(HANDLE);
    }

    @Test
    void theCurrentProcessIsRefusedWithoutOpeningIt() {
        long self = ProcessHandle.current().pid();
        ProcessLookup lookup = finder.find(ProcessRef.started(self, STARTED));
        assertInstanceOf(ProcessLookup.Refused.class, lookup);
        verify(win, never()).openProcess(anyInt(), anyLong());
    }

    @Test
    void pidOneIsRefusedWithoutOpeningIt() {
        assertInstanceOf(ProcessLookup.Refused.class, finder.find(ProcessRef.started(1, STARTED)));
        verify(win, never()).openProcess(anyInt(), eq(1L));
    }

    @Test
    void aPidBeyondTheDwordRangeIsNotRunning() {
        assertInstanceOf(ProcessLookup.NotRunning.class, finder.find(ProcessRef.started(1L << 33, STARTED)));
        verify(win, never()).openProcess(anyInt(), anyLong());
    }
}
