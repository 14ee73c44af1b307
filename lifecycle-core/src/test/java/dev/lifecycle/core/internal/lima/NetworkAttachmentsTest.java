// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.core.lima.LimaFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code networks:} part of a configuration, read through {@link LimaYaml}. */
class NetworkAttachmentsTest {

    @TempDir
    Path home;

    private static LimaYaml parse(String yaml) {
        return LimaYaml.parse(yaml.getBytes(StandardCharsets.UTF_8), "x/lima.yaml");
    }

    @Test
    void limasTemplatesAttachNoNetwork() {
        // default.yaml documents networks: only in comments, so the key is present and null.
        assertEquals(NetworkAttachments.NONE, LimaYaml.parse(LimaFixtures.template("default.yaml"), "d").networks());
        assertEquals(NetworkAttachments.NONE, LimaYaml.parse(LimaFixtures.template("docker.yaml"), "d").networks());
    }

    @Test
    void limaAndSocketEntriesAreReadAndTheRestIgnored() {
        LimaYaml yaml = parse("networks:\n"
                + "- lima: shared\n  macAddress: \"52:55:55:12:34:56\"\n  interface: lima0\n"
                + "- socket: /var/run/socket_vmnet\n"
                + "- vzNAT: true\n"
                + "- lima: shared\n"
                + "- lima: user-v2\n  metric: 200\n");

        assertEquals(List.of(), yaml.problems());
        assertEquals(new NetworkAttachments(List.of("shared", "user-v2"), List.of("/var/run/socket_vmnet")),
                yaml.networks());
    }

    @Test
    void aTemplateWithANetworkAddedKeepsItsOtherSettings() {
        String text = new String(LimaFixtures.template("docker.yaml"), StandardCharsets.UTF_8)
                + "vmType: qemu\nnetworks:\n- lima: user-v2\n";

        LimaYaml yaml = LimaYaml.parse(text.getBytes(StandardCharsets.UTF_8), "docker.yaml");

        assertEquals(List.of("user-v2"), yaml.networks().limaNetworks());
        assertTrue(yaml.vmType().isPresent());
    }

    @Test
    void entriesLimaCouldNotLoadAreProblems() {
        LimaYaml notAList = parse("networks: shared\n");
        LimaYaml badEntries = parse("networks:\n- shared\n- lima: [a]\n- lima: ok\n");

        assertEquals(List.of("x/lima.yaml: networks is not a list"), notAList.problems());
        assertEquals(List.of("x/lima.yaml: networks[0] is not a mapping; entry ignored",
                "x/lima.yaml: networks[1].lima is not a string; entry ignored"), badEntries.problems());
        assertEquals(List.of("ok"), badEntries.networks().limaNetworks());
    }

    @Test
    void declaredNetworksAddThoseOfTheSharedConfigFiles() throws IOException {
        Path dir = Files.createDirectories(home.resolve("vm"));
        Files.writeString(dir.resolve("lima.yaml"), "networks:\n- lima: shared\n");
        Files.createDirectories(home.resolve("_config"));
        Files.writeString(home.resolve("_config/default.yaml"), "networks:\n- lima: user-v2\n");
        Files.writeString(home.resolve("_config/override.yaml"), "networks:\n- socket: /tmp/x.sock\n");

        DeclaredNetworks d = DeclaredNetworks.of(home, dir);

        assertTrue(d.known(), d.problems().toString());
        assertEquals(new NetworkAttachments(List.of("shared", "user-v2"), List.of("/tmp/x.sock")), d.attachments());
    }

    @Test
    void declaredNetworksOfAnUnreadableConfigAreUnknown() throws IOException {
        Path dir = Files.createDirectories(home.resolve("vm"));
        Files.writeString(dir.resolve("lima.yaml"), "networks:\n- lima: shared\n");
        Files.createDirectories(home.resolve("_config"));
        Files.writeString(home.resolve("_config/override.yaml"), "networks: [\n");

        DeclaredNetworks d = DeclaredNetworks.of(home, dir);

        assertEquals(List.of("shared"), d.attachments().limaNetworks());
        assertEquals(1, d.problems().size(), d.problems().toString());
        assertTrue(d.problems().get(0).contains("override.yaml"), d.problems().get(0));
    }
}
