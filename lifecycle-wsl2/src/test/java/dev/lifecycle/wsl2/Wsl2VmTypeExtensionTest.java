// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ExtensionContext;
import dev.lifecycle.spi.VmTypeExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider itself: identity, discovery, and that it never throws. */
class Wsl2VmTypeExtensionTest {

    private final Wsl2VmTypeExtension extension = new Wsl2VmTypeExtension();

    @TempDir
    Path home;

    @Test
    void isFoundByServiceLoader() {
        List<String> found = ServiceLoader.load(VmTypeExtension.class).stream()
                .map(p -> p.get().id()).collect(Collectors.toList());

        assertTrue(found.contains("wsl2"), found.toString());
    }

    @Test
    void supportsWsl2OnlyWhateverTheHostOs() {
        assertEquals("wsl2", extension.id());
        assertTrue(extension.supports(VmType.WSL2));
        assertTrue(extension.supports(VmType.of(" WSL2 ")));
        assertFalse(extension.supports(VmType.QEMU));
        assertFalse(extension.supports(VmType.VZ));
        assertFalse(extension.supports(VmType.KRUNKIT));
    }

    @Test
    void namesTheDistroAfterTheInstance() {
        assertEquals("lima-dev", Wsl2DistroTerminator.distroName(instance()));
    }

    @Test
    void returnsAFailedStepWhenTheContextThrows() {
        ExtensionContext broken = new ExtensionContext() {
            @Override
            public StopOptions options() {
                return StopOptions.defaults();
            }

            @Override
            public Map<String, String> settings() {
                return Map.of();
            }

            @Override
            public CommandRunner commands() {
                throw new IllegalStateException("no runner today");
            }

            @Override
            public void event(StopEvent.Type type, String step, String message) {
            }
        };

        StepResult stop = extension.stopVm(instance(), broken);
        StepResult ensure = extension.ensureVmStopped(instance(), broken);

        assertEquals(StepStatus.FAILED, stop.status());
        assertEquals(Wsl2VmTypeExtension.TERMINATE_DISTRO, stop.step());
        assertTrue(stop.message().contains("no runner today") && stop.message().contains("lima-dev"), stop.message());
        assertEquals(StepStatus.FAILED, ensure.status());
        assertEquals(Wsl2VmTypeExtension.CONFIRM_DISTRO_STOPPED, ensure.step());
    }

    @Test
    void returnsAFailedStepWhenTheRunnerThrows() {
        ExtensionContext throwingRunner = new ExtensionContext() {
            @Override
            public StopOptions options() {
                return StopOptions.defaults();
            }

            @Override
            public Map<String, String> settings() {
                return Map.of();
            }

            @Override
            public CommandRunner commands() {
                return (command, environment, timeout) -> {
                    throw new IllegalStateException("runner exploded");
                };
            }

            @Override
            public void event(StopEvent.Type type, String step, String message) {
                throw new IllegalStateException("listener exploded too");
            }
        };

        StepResult stop = extension.stopVm(instance(), throwingRunner);

        assertEquals(StepStatus.FAILED, stop.status());
        assertTrue(stop.message().contains("runner exploded"), stop.message());
    }

    private Instance instance() {
        return Instance.builder("dev", home).vmType(VmType.WSL2).build();
    }
}
