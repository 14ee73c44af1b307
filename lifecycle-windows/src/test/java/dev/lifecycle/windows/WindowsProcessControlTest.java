// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.ProcessRole;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ProcessTarget;
import dev.lifecycle.windows.interrupt.CtrlBreakHelper;
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
    private static final long PID = 4242;
    private static final long HANDLE = 0x10;

    private final WindowsNative win = mock(WindowsNative.class);
    private final CtrlBreakHelper helper = mock(CtrlBreakHelper.class);
    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<WindowsNative> loader(WindowsNative result) {
        return () -> {
            loads.incrementAndGet();
            return result;
        };
    }

    private WindowsProcessControl onWindows(Optional<InterruptChannelStrategy> strategy) {
        WindowsPlatform platform = WindowsPlatform.probe("Windows 11", loader(win));
        return new WindowsProcessControl(() -> platform, () -> strategy, () -> helper);
    }

    private void running() {
        when(win.openProcess(WindowsProcessFinder.WATCH_ACCESS, PID)).thenReturn(HANDLE);
        when(win.getProcessId(HANDLE)).thenReturn(PID);
        when(win.waitForSingleObject(HANDLE, 0)).thenReturn(Win32.WAIT_TIMEOUT);
        when(win.getProcessCreationTime(HANDLE)).thenReturn(FileTimes.fromInstant(STARTED));
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
        WindowsPlatform platform = WindowsPlatform.probe("Linux", loader(win));
        WindowsProcessControl control = new WindowsProcessControl(() -> platform, Optional::empty, () -> helper);
        Availability a = control.availability();
        assertFalse(a.available());
        assertTrue(a.cause().orElseThrow().contains("Windows only"), a.cause().orElseThrow());
        ProcessLookup lookup = control.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.Unknown.class, lookup);
        assertTrue(lookup.detail().contains("PID 4242"), lookup.detail());
        assertEquals(0, loads.get());
    }

    @Test
    void whenJnaCannotLoadKernel32TheCauseIsKeptAndNamesWhatToAdd() {
        WindowsPlatform platform = WindowsPlatform.probe("Windows 11", () -> {
            loads.incrementAndGet();
            throw new UnsatisfiedLinkError("Unable to load library 'kernel32'");
        });
        String cause = platform.availability().cause().orElseThrow();
        assertTrue(cause.contains("Unable to load library 'kernel32'"), cause);
        assertTrue(cause.contains("net.java.dev.jna:jna"), cause);
        assertEquals(1, loads.get());
    }

    @Test
    void availabilityIsProbedOncePerJvmNotPerProviderObject() {
        // ServiceLoader makes a provider object per lookup; they must share one probe and its cause.
        assertSame(new WindowsProcessControl().availability(), new WindowsProcessControl().availability());
        assertSame(WindowsPlatform.get(), WindowsPlatform.get());
    }

    @Test
    void onWindowsWithJnaItIsAvailableAndFindsThroughTheNativeLayer() {
        running();
        WindowsProcessControl control = onWindows(Optional.empty());
        assertTrue(control.availability().available());
        ProcessLookup lookup = control.find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.Found.class, lookup).target().close();
        verify(win).closeHandle(HANDLE);
        assertEquals(1, loads.get());
    }

    @Test
    void anExceptionFromBelowIsUnknownWithItsCauseNeverThrown() {
        when(win.openProcess(WindowsProcessFinder.WATCH_ACCESS, PID)).thenThrow(new IllegalStateException("JNA broke"));
        ProcessLookup lookup = onWindows(Optional.empty()).find(ProcessRef.started(PID, STARTED));
        assertInstanceOf(ProcessLookup.Unknown.class, lookup);
        assertTrue(lookup.detail().contains("JNA broke") && lookup.detail().contains("PID 4242"), lookup.detail());
    }

    @Test
    void refusalsComeBeforeAnythingElse() {
        WindowsProcessControl control = onWindows(Optional.empty());
        assertInstanceOf(ProcessLookup.Refused.class,
                control.find(ProcessRef.started(ProcessHandle.current().pid(), STARTED)));
        verify(win, never()).openProcess(anyInt(), anyLong());
    }

    @Test
    void theHostAppsStrategyNamesTheEventPerInstanceRoleAndPid() {
        running();
        when(win.openEvent(Win32.EVENT_MODIFY_STATE, "Local\\app-interrupt-hostagent-default-4242")).thenReturn(0L);
        when(win.getLastError()).thenReturn(Win32.ERROR_FILE_NOT_FOUND);
        WindowsProcessControl control = onWindows(Optional.of(
                InterruptChannelStrategy.namedEvents("Local\\app-interrupt-{role}-{instance}-{pid}")));
        ProcessTarget target = assertInstanceOf(ProcessLookup.Found.class,
                control.find(ProcessRef.started(PID, STARTED))).target();
        target.interrupt(new InterruptRequest("default", ProcessRole.HOST_AGENT, Duration.ofSeconds(5)));
        verify(win).openEvent(Win32.EVENT_MODIFY_STATE, "Local\\app-interrupt-hostagent-default-4242");
        target.close();
    }

    @Test
    void aStrategyThatChoosesCtrlBreakOpensNoEvent() {
        running();
        WindowsProcessControl control = onWindows(Optional.of(InterruptChannelStrategy.consoleBreak()));
        ProcessTarget target = assertInstanceOf(ProcessLookup.Found.class,
                control.find(ProcessRef.started(PID, STARTED))).target();
        target.interrupt(new InterruptRequest("default", ProcessRole.HOST_AGENT, Duration.ofSeconds(5)));
        verify(win, never()).openEvent(anyInt(), org.mockito.ArgumentMatchers.anyString());
        target.close();
    }

    @Test
    void theSystemPropertyNamesEventsAndAnInvalidOneIsIgnored() {
        String before = System.getProperty(InterruptChannelStrategy.PROPERTY);
        try {
            System.setProperty(InterruptChannelStrategy.PROPERTY, "Local\\x-{role}-{instance}-{pid}");
            assertEquals(new InterruptChannel.NamedEvent("Local\\x-driver-vm1-12"),
                    WindowsProcessControl.strategyFromProperty().orElseThrow().channelFor("vm1", ProcessRole.DRIVER, 12));
            System.setProperty(InterruptChannelStrategy.PROPERTY, "Local\\lima-interrupt-%d");
            assertEquals(Optional.empty(), WindowsProcessControl.strategyFromProperty());
            System.clearProperty(InterruptChannelStrategy.PROPERTY);
            assertEquals(Optional.empty(), WindowsProcessControl.strategyFromProperty());
        } finally {
            if (before == null) {
                System.clearProperty(InterruptChannelStrategy.PROPERTY);
            } else {
                System.setProperty(InterruptChannelStrategy.PROPERTY, before);
            }
        }
    }

    @Test
    void theBuilderMakesAProviderThatProbesLikeTheDiscoveredOne() {
        WindowsProcessControl built = WindowsProcessControl.builder()
                .interruptChannels(InterruptChannelStrategy.namedEvents("Local\\app-{pid}"))
                .helperJava(java.nio.file.Path.of("C:\\jdk-21\\bin\\java.exe"))
                .build();
        assertEquals("windows", built.id());
        assertSame(new WindowsProcessControl().availability(), built.availability());
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
