// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.core.ProcessControls;
import dev.lifecycle.core.ProviderInfo;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, one class path per scenario, asserting the exact messages a user sees. */
class ProcessControlsDiscoveryTest {

    @TempDir
    Path dir;

    private ClassLoader scenario(Class<?>... providers) throws Exception {
        return ScenarioClassLoader.listing(dir,
                java.util.Arrays.stream(providers).map(Class::getName).collect(Collectors.toList()));
    }

    @Test
    void noProviderNamesTheArtifactsToAdd() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessControls.select(scenario(), Optional.empty()));
        assertEquals("Lifecycle: no usable ProcessControl provider was found on the class path. "
                + "Add io.github.lifecycle-vm:lifecycle-unix (Linux, macOS), io.github.lifecycle-vm:lifecycle-windows (Windows) "
                + "or io.github.lifecycle-vm:lifecycle-core (pure-JDK fallback) to the class path.", e.getMessage());
    }

    @Test
    void onlyUnavailableProvidersGiveTheirCauses() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessControls.select(scenario(TestProviders.Unavailable.class), Optional.empty()));
        assertEquals("Lifecycle: no usable ProcessControl provider (found: elsewhere: needs an OS this is not). "
                + "Add io.github.lifecycle-vm:lifecycle-unix (Linux, macOS), io.github.lifecycle-vm:lifecycle-windows (Windows) "
                + "or io.github.lifecycle-vm:lifecycle-core (pure-JDK fallback) to the class path.", e.getMessage());
    }

    @Test
    void oneProviderIsSelected() throws Exception {
        assertEquals("middle", ProcessControls.select(scenario(TestProviders.Middle.class), Optional.empty()).id());
    }

    @Test
    void highestAvailablePriorityWinsAndUnavailableOnesAreSkipped() throws Exception {
        ClassLoader loader = scenario(TestProviders.Middle.class, TestProviders.Unavailable.class,
                TestProviders.High.class, JdkProcessControl.class);
        assertEquals("high", ProcessControls.select(loader, Optional.empty()).id());
        List<ProviderInfo> found = ProcessControls.discover(loader);
        assertEquals(List.of("elsewhere", "high", "middle", "jdk"),
                found.stream().map(ProviderInfo::id).collect(Collectors.toList()));
        assertEquals(Optional.of("needs an OS this is not"), found.get(0).availability().cause());
    }

    @Test
    void aProviderThatFailsToLoadIsSkipped() throws Exception {
        ClassLoader loader = scenario(TestProviders.Broken.class, TestProviders.Middle.class);
        assertEquals("middle", ProcessControls.select(loader, Optional.empty()).id());
    }

    @Test
    void aFallbackStandingInForTheProviderOfThisOsIsADegradationThatSaysWhyAndHowToFixIt() throws Exception {
        ClassLoader loader = scenario(TestProviders.ForThisOsButBroken.class, TestProviders.ForAnotherOs.class,
                JdkProcessControl.class);

        var selected = ProcessControls.select(loader, Optional.empty());

        assertEquals("jdk", selected.id());
        assertEquals(Optional.of("process control 'jdk' stands in for 'native', made for this OS but not available"
                + " here (native: JNA could not load its native part; start Java with -Djna.tmpdir=DIR); it cannot pin"
                + " a PID, notices exits by polling and counts an exited process that nobody reaped as running, so a"
                + " stop can be slow or fail. Fix the cause to use it."), ProcessControls.degradation(loader, selected));
    }

    @Test
    void providersForAnotherOsAreNoDegradation() throws Exception {
        ClassLoader loader = scenario(TestProviders.ForAnotherOs.class, JdkProcessControl.class);

        var selected = ProcessControls.select(loader, Optional.empty());

        assertEquals("jdk", selected.id());
        assertEquals(Optional.empty(), ProcessControls.degradation(loader, selected));
    }

    @Test
    void theBestProviderIsNoDegradation() throws Exception {
        ClassLoader loader = scenario(TestProviders.High.class, TestProviders.ForThisOsButBroken.class);

        assertEquals(Optional.empty(), ProcessControls.degradation(loader, ProcessControls.select(loader, Optional.empty())));
    }

    @Test
    void forcingPicksALowerPriorityProvider() throws Exception {
        ClassLoader loader = scenario(TestProviders.High.class, JdkProcessControl.class);
        assertEquals("jdk", ProcessControls.select(loader, Optional.of("jdk")).id());
    }

    @Test
    void forcingAnUnknownIdSaysWhatWasFound() throws Exception {
        ClassLoader loader = scenario(TestProviders.High.class, TestProviders.Middle.class);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessControls.select(loader, Optional.of("freebsd")));
        assertEquals("Lifecycle: lifecycle.processControl=freebsd names no provider on the class path; found: high, middle. "
                + "Remove the property or add the artifact that provides 'freebsd'.", e.getMessage());
    }

    @Test
    void forcingAnUnavailableProviderGivesItsCause() throws Exception {
        ClassLoader loader = scenario(TestProviders.Unavailable.class, TestProviders.Middle.class);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProcessControls.select(loader, Optional.of("elsewhere")));
        assertEquals("Lifecycle: forced provider 'elsewhere' is not available here: needs an OS this is not. "
                + "Remove lifecycle.processControl to select one automatically.", e.getMessage());
    }
}
