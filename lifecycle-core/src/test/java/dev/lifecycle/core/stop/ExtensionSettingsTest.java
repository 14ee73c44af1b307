// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.spi.ExtensionContext;
import dev.lifecycle.spi.VmTypeExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM-type extension gets the settings the host app gave the stopper under its id, and no
 * others; the core passes them through without knowing their names.
 */
class ExtensionSettingsTest {

    private static final VmType TEST_VM = VmType.of("testvm");

    @TempDir
    Path home;

    /** Confirms the VM is down and keeps the settings it was handed. */
    private static final class RecordingExtension implements VmTypeExtension {
        final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "testvm-ext";
        }

        @Override
        public boolean supports(VmType vmType) {
            return TEST_VM.equals(vmType);
        }

        @Override
        public StepResult stopVm(Instance instance, ExtensionContext context) {
            seen.add(context.settings());
            return StepResult.of("stop-testvm", StepStatus.SKIPPED, Duration.ZERO, "not running");
        }

        @Override
        public StepResult ensureVmStopped(Instance instance, ExtensionContext context) {
            seen.add(context.settings());
            return StepResult.of("confirm-testvm-stopped", StepStatus.SKIPPED, Duration.ZERO, "not running");
        }
    }

    @Test
    void anExtensionSeesItsOwnSettingsOnly() {
        RecordingExtension extension = new RecordingExtension();

        StopReport report = InstanceStoppers.builder().processControl(new JdkProcessControl())
                .extensions(List.of(extension))
                .extensionSettings("testvm-ext", Map.of("executable", "/opt/testvm/ctl"))
                .extensionSettings("wsl2", Map.of("executable", "C:\\wsl.exe"))
                .build()
                .stop(Instance.builder("vm", home).vmType(TEST_VM).build());

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertEquals(List.of(Map.of("executable", "/opt/testvm/ctl")), extension.seen);
    }

    @Test
    void anExtensionWithoutSettingsSeesAnEmptyMap() {
        RecordingExtension extension = new RecordingExtension();

        InstanceStoppers.builder().processControl(new JdkProcessControl()).extensions(List.of(extension))
                .extensionSettings("other", Map.of("name", "value"))
                .build()
                .stop(Instance.builder("vm", home).vmType(TEST_VM).build());

        assertEquals(List.of(Map.of()), extension.seen);
    }

    @Test
    void aLaterCallForTheSameIdReplacesTheEarlierOne() {
        RecordingExtension extension = new RecordingExtension();

        InstanceStoppers.builder().processControl(new JdkProcessControl()).extensions(List.of(extension))
                .extensionSettings("testvm-ext", Map.of("a", "1"))
                .extensionSettings("testvm-ext", Map.of("b", "2"))
                .build()
                .stop(Instance.builder("vm", home).vmType(TEST_VM).build());

        assertEquals(List.of(Map.of("b", "2")), extension.seen);
    }

    @Test
    void aBlankExtensionIdIsRefused() {
        InstanceStoppers.Builder builder = InstanceStoppers.builder();

        assertThrows(IllegalArgumentException.class, () -> builder.extensionSettings(" ", Map.of()));
        assertThrows(NullPointerException.class, () -> builder.extensionSettings("wsl2", null));
    }
}
