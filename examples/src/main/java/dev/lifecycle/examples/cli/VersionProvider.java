// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.core.ProcessControls;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project version (from a resource Maven filters at build time),
 * the Java runtime and OS, and the process control this JVM would use — with a DEGRADED line
 * when it is a stand-in for one made for this OS that cannot work here.
 */
public final class VersionProvider implements IVersionProvider {

    /** The filtered resource that holds {@code version=<project version>}. */
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>(List.of(
                "lifecycle " + version(),
                "Java " + Runtime.version() + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "process control: " + processControl()));
        degradation().ifPresent(why -> lines.add("DEGRADED: " + why));
        return lines.toArray(String[]::new);
    }

    private static Optional<String> degradation() {
        try {
            return ProcessControls.degradation();
        } catch (IllegalStateException e) {
            return Optional.empty(); // no provider at all: the line above says so
        }
    }

    /**
     * @return the project version, or {@code unknown} when the resource is missing (an unfiltered build)
     */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }

    private static String processControl() {
        try {
            ProcessControl c = ProcessControls.selected();
            return c.id() + " (exit watching by " + c.exitWatchMechanism() + ")";
        } catch (IllegalStateException e) {
            return "none usable: " + e.getMessage();
        }
    }
}
