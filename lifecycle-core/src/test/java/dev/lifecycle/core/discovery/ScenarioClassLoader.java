// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.discovery;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader whose only {@code META-INF/services} entry for {@code ProcessControl} is
 * the one a scenario writes: the class path of one scenario, isolated from the providers
 * that the test class path itself carries.
 */
final class ScenarioClassLoader extends ClassLoader {

    private static final String SERVICE = "META-INF/services/dev.lifecycle.spi.ProcessControl";

    private final URL services;

    private ScenarioClassLoader(URL services) {
        super(ScenarioClassLoader.class.getClassLoader());
        this.services = services;
    }

    static ScenarioClassLoader listing(Path dir, List<String> providerClasses) throws IOException {
        Path file = dir.resolve("services");
        Files.write(file, providerClasses, StandardCharsets.UTF_8);
        return new ScenarioClassLoader(file.toUri().toURL());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (SERVICE.equals(name)) {
            return Collections.enumeration(services == null ? List.of() : List.of(services));
        }
        return super.getResources(name);
    }
}
