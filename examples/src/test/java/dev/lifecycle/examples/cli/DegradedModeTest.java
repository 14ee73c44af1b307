// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.api.HostOs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a JVM where JNA cannot unpack its native part ({@code jna.tmpdir} names a file,
 * as a noexec or unwritable directory would fail it): the OS provider cannot load, the
 * pure-JDK fallback stands in, and that is said — at WARN, in {@code --version} and as the
 * first step of every report — with the cause and the fix.
 */
class DegradedModeTest {

    @TempDir
    Path temp;

    private List<String> brokenJna;
    private String osProvider;

    @BeforeEach
    void jnaCannotUnpack() throws Exception {
        HostOs os = HostOs.current();
        assumeTrue(os == HostOs.LINUX || os == HostOs.MACOS, "the OS providers of lifecycle-unix load through JNA");
        osProvider = os.name().toLowerCase(Locale.ROOT);
        Path notADirectory = Files.writeString(temp.resolve("not-a-directory"), "");
        brokenJna = List.of("-Djna.tmpdir=" + notADirectory);
    }

    @Test
    void versionWarnsAndSaysWhyAndHowToFixIt() throws Exception {
        ChildCli.Result r = ChildCli.run(temp, brokenJna, "--version");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("process control: jdk"), r.out());
        String degraded = r.out().lines().filter(l -> l.startsWith("DEGRADED: ")).findFirst().orElseThrow(
                () -> new AssertionError("no DEGRADED line: " + r.out()));
        assertTrue(degraded.contains("process control 'jdk' stands in for '" + osProvider + "'"), degraded);
        assertTrue(degraded.contains("-Djna.tmpdir=DIR"), "names the fix: " + degraded);
        assertTrue(r.err().lines().anyMatch(l -> l.contains("WARN") && l.contains("running degraded")
                && l.contains("-Djna.tmpdir=DIR")), "a warning with the cause and the fix: " + r.err());
    }

    @Test
    void everyReportSaysSoInItsFirstStep() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        for (String name : List.of("one", "two")) {
            Files.createDirectories(home.resolve(name));
            Files.writeString(home.resolve(name).resolve("lima.yaml"), "vmType: qemu\n");
        }

        ChildCli.Result r = ChildCli.run(temp, brokenJna, "stop", "--all", "--json", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        JsonNode reports = new ObjectMapper().readTree(r.out()).get("reports");
        assertEquals(2, reports.size(), r.out());
        for (JsonNode report : reports) {
            JsonNode first = report.get("steps").get(0);
            assertEquals("process-control", first.get("step").asText(), report.toString());
            assertTrue(first.get("message").asText().startsWith("degraded: process control 'jdk' stands in for '"
                    + osProvider + "'"), first.toString());
            assertTrue(first.get("message").asText().contains("-Djna.tmpdir=DIR"), first.toString());
        }
        assertEquals(1, r.err().lines().filter(l -> l.contains("running degraded")).count(),
                "warned once, not once per instance: " + r.err());
    }

    @Test
    void aWorkingJnaIsNoDegradation() throws Exception {
        ChildCli.Result r = ChildCli.run(temp, List.of(), "--version");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("process control: " + osProvider), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("DEGRADED")), r.out());
    }
}
