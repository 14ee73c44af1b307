// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.ProcessLookup;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** What can be checked of the macOS provider where it does not run. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#macUnavailable")
class MacProcessControlTest {

    private final MacProcessControl control = new MacProcessControl();

    @Test
    void isThePlatformProviderForMacOs() {
        assertEquals("macos", control.id());
        assertEquals(ProcessControl.PLATFORM_PRIORITY, control.priority());
    }

    @Test
    void saysWhyItIsUnavailableElsewhere() {
        Availability availability = control.availability();

        assertFalse(availability.available());
        String cause = availability.cause().orElseThrow();
        assertTrue(cause.contains("macOS only") && cause.contains(System.getProperty("os.name")), cause);
        assertEquals("none (unavailable)", control.exitWatchMechanism());
    }

    @Test
    void namesTheLinuxProviderOnLinux() {
        String cause = MacPlatform.probe("Linux").availability().cause().orElseThrow();

        assertTrue(cause.contains("'linux'"), cause);
    }

    @Test
    void findNeverThrowsWhenUnavailableAndStillRefusesPidOne() {
        ProcessLookup unknown = control.find(ProcessRef.started(ProcessHandle.current().pid() + 100_000, Instant.now()));
        ProcessLookup refused = control.find(ProcessRef.started(1, Instant.EPOCH));

        assertInstanceOf(ProcessLookup.Unknown.class, unknown, unknown.detail());
        assertTrue(unknown.detail().contains("not available"), unknown.detail());
        assertInstanceOf(ProcessLookup.Refused.class, refused, refused.detail());
    }
}
