// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessLookup;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The Linux probe's causes, each one a user can act on. */
class LinuxPlatformTest {

    @TempDir
    Path emptyProc;

    @Test
    void isUnavailableOffLinuxAndNamesTheMacProvider() {
        Availability mac = LinuxPlatform.probe("Mac OS X", Path.of("/proc")).availability();
        Availability windows = LinuxPlatform.probe("Windows 11", Path.of("/proc")).availability();

        assertFalse(mac.available());
        assertTrue(mac.cause().orElseThrow().contains("Linux only") && mac.cause().orElseThrow().contains("'macos'"));
        assertTrue(windows.cause().orElseThrow().contains("Windows 11"), windows.cause().orElseThrow());
    }

    @Test
    @EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
    void isUnavailableWithoutProcfs() {
        Availability availability = LinuxPlatform.probe("Linux", emptyProc).availability();

        assertFalse(availability.available());
        assertTrue(availability.cause().orElseThrow().contains("mount -t proc"), availability.cause().orElseThrow());
    }

    @Test
    @EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
    void probesOncePerJvm() {
        assertSame(LinuxPlatform.get(), LinuxPlatform.get());
        assertSame(new LinuxProcessControl().availability(), new LinuxProcessControl().availability());
    }

    @Test
    void anUnavailableProviderAnswersUnknownAndReportsNoMechanism() {
        LinuxProcessControl off = new LinuxProcessControl(WatchMode.EVENT, true,
                () -> LinuxPlatform.probe("Mac OS X", Path.of("/proc")));

        ProcessLookup lookup = off.find(ProcessRef.started(ProcessHandle.current().pid() + 100_000, Instant.now()));

        assertEquals(ProcessLookup.Unknown.class, lookup.getClass());
        assertTrue(lookup.detail().contains("Linux only"), lookup.detail());
        assertEquals("none (unavailable)", off.exitWatchMechanism());
    }
}
