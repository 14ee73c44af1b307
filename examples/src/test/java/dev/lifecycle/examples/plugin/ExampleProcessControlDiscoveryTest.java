// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.ProcessControls;
import dev.lifecycle.core.ProviderInfo;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registration that {@code docs/adding-a-platform.md} shows, made for real: a
 * {@code META-INF/services} file naming the provider, found by the core's discovery,
 * ranked by priority and forced by id. The file is written into a temporary class-path
 * entry so that the examples' own class path stays as it is.
 */
@EnabledOnOs(OS.LINUX)
class ExampleProcessControlDiscoveryTest {

    @TempDir
    Path classPathEntry;

    @Test
    void servicesFileMakesTheProviderDiscoverableAboveTheJdkFallback() throws IOException {
        try (URLClassLoader loader = withServicesFile()) {
            List<ProviderInfo> found = ProcessControls.discover(loader);

            ProviderInfo example = found.stream().filter(p -> p.id().equals(ExampleProcessControl.ID)).findFirst()
                    .orElseThrow(() -> new AssertionError("example provider not discovered: " + found));
            assertEquals(ExampleProcessControl.class.getName(), example.className());
            assertEquals(10, example.priority());
            assertTrue(example.availability().available(), example::toString);
            int exampleRank = found.indexOf(example);
            int jdkRank = found.stream().map(ProviderInfo::id).toList().indexOf("jdk");
            assertTrue(jdkRank > exampleRank, "the JDK fallback ranks below the example: " + found);
        }
    }

    @Test
    void forcingPropertyValueSelectsTheProviderById() throws IOException {
        try (URLClassLoader loader = withServicesFile()) {
            ProcessControl selected = ProcessControls.select(loader, Optional.of(ExampleProcessControl.ID));

            assertSame(ExampleProcessControl.class, selected.getClass());
            assertEquals("lifecycle.processControl", ProcessControls.FORCE_PROPERTY);
        }
    }

    private URLClassLoader withServicesFile() throws IOException {
        Path services = classPathEntry.resolve("META-INF/services/dev.lifecycle.spi.ProcessControl");
        Files.createDirectories(services.getParent());
        Files.writeString(services, ExampleProcessControl.class.getName() + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {classPathEntry.toUri().toURL()}, getClass().getClassLoader());
    }
}
