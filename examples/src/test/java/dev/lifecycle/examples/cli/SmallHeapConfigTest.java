// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.api.HostOs;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile {@code lima.yaml} files read by the CLI in a JVM with a 32 MB heap: each is read
 * in bounded memory, a bad one makes only its own instance Broken, and the others are listed
 * and stopped as usual.
 */
class SmallHeapConfigTest {

    private static final List<String> SMALL_HEAP = List.of("-Xmx32m");

    @TempDir
    Path home;

    @TempDir
    Path logs;

    @BeforeEach
    void hostileHome() throws IOException {
        // The file of the issue: a flow list of two million scalars, 4 MB.
        write("flood", "additionalDisks: [", "a,", 2_000_000, "a]\nvmType: vz\n");
        // Just under the size limit, as many events as fit: refused by the event limit.
        write("events", "x: [", "a,", 500_000, "a]\nvmType: vz\n");
        // One quoted scalar of almost a megabyte, then the setting: read.
        write("quoted", "x: \"", "a", 1_000_000, "\"\nvmType: vz\n");
        Files.createDirectories(home.resolve("good"));
        Files.writeString(home.resolve("good").resolve("lima.yaml"), "vmType: qemu\n");
        Files.writeString(home.resolve("good").resolve("leftover.tmp"), "");
    }

    private void write(String instance, String head, String unit, int times, String tail) throws IOException {
        Path dir = Files.createDirectories(home.resolve(instance));
        try (Writer w = Files.newBufferedWriter(dir.resolve("lima.yaml"), StandardCharsets.UTF_8)) {
            w.write(head);
            for (int i = 0; i < times; i++) {
                w.write(unit);
            }
            w.write(tail);
        }
    }

    @Test
    void listReadsEveryInstanceAndOnlyTheBadFilesAreBroken() throws Exception {
        ChildCli.Result r = ChildCli.run(logs, SMALL_HEAP, "list", "--json", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.err().contains("OutOfMemoryError"), r.err());
        Map<String, JsonNode> byName = new HashMap<>();
        for (String line : r.out().lines().toList()) {
            JsonNode instance = new ObjectMapper().readTree(line);
            byName.put(instance.get("name").asText(), instance);
        }
        assertEquals(Set.of("events", "flood", "good", "quoted"), byName.keySet(), r.out());
        assertEquals("Stopped", byName.get("good").get("status").asText());
        assertEquals("qemu", byName.get("good").get("vmType").asText());
        assertEquals("vz", byName.get("quoted").get("vmType").asText(), "the setting after a megabyte is read");
        // vz runs on macOS only: elsewhere Lima lists such an instance Broken, and so do we.
        assertEquals(HostOs.current() == HostOs.MACOS ? "Stopped" : "Broken", byName.get("quoted").get("status").asText(),
                byName.get("quoted").toString());
        assertEquals("Broken", byName.get("flood").get("status").asText());
        assertTrue(byName.get("flood").get("errors").toString().contains("refusing to parse more than 1048576"),
                byName.get("flood").toString());
        assertEquals("Broken", byName.get("events").get("status").asText());
        assertTrue(byName.get("events").get("errors").toString().contains("more than 10000 YAML events"),
                byName.get("events").toString());
    }

    @Test
    void stopAllStopsEveryInstanceAlthoughSomeFilesAreBad() throws Exception {
        ChildCli.Result r = ChildCli.run(logs, SMALL_HEAP, "stop", "--all", "--json", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(4, doc.get("reports").size(), r.out());
        for (JsonNode report : doc.get("reports")) {
            assertEquals("ALREADY_STOPPED", report.get("outcome").asText(), report.toString());
        }
        assertFalse(Files.exists(home.resolve("good").resolve("leftover.tmp")), "the good instance was cleaned");
    }
}
