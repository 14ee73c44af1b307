// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.ProcessControls;
import dev.lifecycle.core.ProviderInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The core's discovery finds both providers through META-INF/services and picks the Linux one here. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class DiscoveryTest {

    private final ClassLoader loader = DiscoveryTest.class.getClassLoader();

    @Test
    void listsBothProvidersWithTheirAvailability() {
        List<ProviderInfo> found = ProcessControls.discover(loader);

        ProviderInfo linux = found.stream().filter(p -> p.id().equals("linux")).findFirst().orElseThrow();
        ProviderInfo mac = found.stream().filter(p -> p.id().equals("macos")).findFirst().orElseThrow();
        assertTrue(linux.availability().available());
        assertFalse(mac.availability().available());
        assertTrue(mac.availability().cause().orElseThrow().contains("macOS only"));
    }

    @Test
    void selectsTheLinuxProviderOverTheJdkFallback() {
        assertInstanceOf(LinuxProcessControl.class, ProcessControls.select(loader, Optional.empty()));
    }

    @Test
    void forcingTheMacProviderHereFailsWithItsCause() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessControls.select(loader, Optional.of("macos")));

        assertTrue(e.getMessage().contains("macOS only"), e.getMessage());
        assertEquals("linux", ProcessControls.select(loader, Optional.of("linux")).id());
    }
}
