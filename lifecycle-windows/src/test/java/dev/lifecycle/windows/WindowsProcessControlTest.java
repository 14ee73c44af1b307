package dev.lifecycle.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.windows.interrupt.HelperLauncher;
import dev.lifecycle.windows.interrupt.HelperOutcome;
import dev.lifecycle.windows.interrupt.InterruptEventName;
import dev.lifecycle.windows.process.WindowsProcessFinder;
import dev.lifecycle.windows.win32.FileTimes;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.WindowsNative;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class WindowsProcessControlTest {

    private static final Instant STARTED = Instant.parse("2025-02-02T02:02:02Z");

    private final WindowsNative win = mock(WindowsNative.class);
    private final HelperLauncher launcher = mock(HelperLauncher.class);
    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<WindowsNative> loader(WindowsNative result) {
        return () -> {
            loads.incrementAndGet();
            return result;
        };
    }

    @Test
    void identifiesItselfAsThePlatformProviderForWindows() {
        ProcessControl control = new WindowsProcessControl();
        assertEquals("windows", control.id());
        assertEquals(ProcessControl.PLATFORM_PRIORITY, control.priority());
        assertEquals("WaitForMultipleObjects", control.exitWatchMechanism());
    }

    @Test
    void offWindowsItIsUnavailableSaysWhyAndNeverLoadsNativeCode() {
        WindowsProcessControl control = new WindowsProcessControl("Linux", loader(win), launcher, Optional::empty);
        Availability a = control.availability();
        assertFalse(a.available());
        assertTrue(a.cause().orElseThrow().contains("Windows only"), a.cause().orElseThrow());
        ProcessLookup lookup = control.find(ProcessRef.started(4242, STARTED));
        assertInstanceOf(ProcessLookup.Unknown.class, lookup);
        assertTrue(lookup.detail().contains("PID 4242"), lookup.detail());
        assertEquals(0, loads.get());
    }

    @Test
    void whenJnaCannotLoadKernel32TheCauseIsKeptAndNamesWhatToAdd() {
        Supplier<WindowsNative> failing = () -> {
            loads.incrementAndGet();
            throw new UnsatisfiedLinkError("Unable to load library 'kernel32'");
        };
        WindowsProcessControl control = new WindowsProcessControl("Windows 11", failing, launcher, Optional::empty);
        Availability first = control.availability();
        Availability second = control.availability();
        assertFalse(first.available());
        String cause = first.cause().orElseThrow();
        assertTrue(cause.contains("Unable to load library 'kernel32'"), cause);
        assertTrue(cause.contains("net.java.dev.jna:jna"), cause);
        assertEquals(first, second);
        assertEquals(1, loads.get(), "availability is probed once");
    }

    @Test
    void onWindowsWithJnaItIsAvailableAndFindsThroughTheNativeLayer() {
        when(win.openProcess(WindowsProcessFinder.ACCESS, 4242)).thenReturn(0x10L);
        when(win.waitForSingleObject(0x10L, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.getProcessCreationTime(0x10L)).thenReturn(FileTimes.fromInstant(STARTED));
        WindowsProcessControl control = new WindowsProcessControl("Windows Server 2022", loader(win), launcher,
                Optional::empty);
        assertTrue(control.availability().available());
        ProcessLookup lookup = control.find(ProcessRef.started(4242, STARTED));
        assertInstanceOf(ProcessLookup.Found.class, lookup).target().close();
        verify(win).closeHandle(0x10L);
        assertEquals(1, loads.get());
    }

    @Test
    void refusalsComeBeforeAnythingElse() {
        WindowsProcessControl control = new WindowsProcessControl("Windows 11", loader(win), launcher, Optional::empty);
        assertInstanceOf(ProcessLookup.Refused.class,
                control.find(ProcessRef.started(ProcessHandle.current().pid(), STARTED)));
        verify(win, never()).openProcess(anyInt(), anyLong());
    }

    @Test
    void anInvalidEventPatternIsIgnoredAndInterruptsUseCtrlBreak() {
        long handle = 0x20L;
        when(win.openProcess(WindowsProcessFinder.ACCESS, 4242)).thenReturn(handle);
        when(win.waitForSingleObject(handle, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.getProcessCreationTime(handle)).thenReturn(FileTimes.fromInstant(STARTED));
        when(launcher.sendCtrlBreak(eq(4242L), any()))
                .thenReturn(HelperOutcome.exited(0, "SENT", Duration.ZERO));
        WindowsProcessControl control = new WindowsProcessControl("Windows 11", loader(win), launcher,
                () -> InterruptEventName.fromProperty(Optional.of("Local\\no-pid-here")));
        assertTrue(control.availability().available());
        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class,
                control.find(ProcessRef.started(4242, STARTED)));
        found.target().interrupt(Duration.ofSeconds(5));
        verify(win, never()).openEvent(anyInt(), anyString());
        verify(launcher).sendCtrlBreak(4242L, Duration.ofSeconds(5));
        found.target().close();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void serviceLoaderFindsTheProviderAndHereItSaysWhyItIsUnavailable() {
        List<ProcessControl> providers = ServiceLoader.load(ProcessControl.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof WindowsProcessControl)
                .collect(Collectors.toList());
        assertEquals(1, providers.size());
        Availability a = providers.get(0).availability();
        assertFalse(a.available());
        assertTrue(a.cause().orElseThrow().contains(System.getProperty("os.name")), a.cause().orElseThrow());
    }
}
