// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.core.lima.LimaFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lima's merge of {@code _config/default.yaml}, {@code lima.yaml} and {@code _config/override.yaml}. */
class LimaConfigTest {

    @TempDir
    Path home;

    private Path instance(String yaml) throws IOException {
        return LimaFixtures.instanceWithYaml(home, "vm", yaml);
    }

    private void config(String file, String yaml) throws IOException {
        Files.writeString(Files.createDirectories(home.resolve("_config")).resolve(file), yaml);
    }

    @Test
    void withoutSharedFilesTheInstanceAloneCountsAndNothingIsAProblem() throws IOException {
        Path dir = instance("vmType: vz\narch: aarch64\nadditionalDisks: [data]\n");

        LimaConfig config = LimaConfig.read(home, dir);

        assertEquals(Optional.of(VmType.VZ), config.vmType());
        assertEquals(Optional.of("aarch64"), config.arch());
        assertEquals(List.of("data"), config.additionalDisks());
        assertEquals(List.of(), config.problems());
    }

    @Test
    void vmTypeAndArchComeFromTheOverrideElseTheInstanceElseTheDefaults() throws IOException {
        config("default.yaml", "vmType: krunkit\narch: x86_64\n");
        Path dir = instance("vmType: vz\n");

        assertEquals(Optional.of(VmType.VZ), LimaConfig.read(home, dir).vmType(), "the instance beats the defaults");
        assertEquals(Optional.of("x86_64"), LimaConfig.read(home, dir).arch(), "absent in the instance: the defaults'");

        config("override.yaml", "vmType: qemu\narch: null\n");
        assertEquals(Optional.of(VmType.QEMU), LimaConfig.read(home, dir).vmType(), "the override beats both");
        assertEquals(Optional.of("x86_64"), LimaConfig.read(home, dir).arch(), "null in the override overrides nothing");

        Files.writeString(dir.resolve("lima.yaml"), "arch: default\n");
        config("override.yaml", "additionalDisks: [cache]\n");
        assertEquals(Optional.of(VmType.KRUNKIT), LimaConfig.read(home, dir).vmType(), "only the defaults set it now");
        assertEquals(Optional.of("default"), LimaConfig.read(home, dir).arch(), "present as written; Lima resolves it");
    }

    @Test
    void additionalDisksOfAllThreeCombineOverrideFirstEachOnce() throws IOException {
        config("default.yaml", "additionalDisks:\n- shared\n- name: data\n");
        config("override.yaml", "additionalDisks: [scratch]\n");
        Path dir = instance("additionalDisks:\n- data\n- name: own\n  format: true\n");

        assertEquals(List.of("scratch", "data", "own", "shared"), LimaConfig.read(home, dir).additionalDisks());
    }

    @Test
    void limasOwnTemplateAsDefaultsIsReadLikeAnyFile() throws IOException {
        config("default.yaml", LimaFixtures.edit("default.yaml", Map.of("vmType", "qemu", "additionalDisks", "[shared]")));
        Path dir = LimaFixtures.instanceFromTemplate(home, "vm", "docker.yaml");

        LimaConfig config = LimaConfig.read(home, dir);

        assertEquals(Optional.of(VmType.QEMU), config.vmType());
        assertEquals(List.of("shared"), config.additionalDisks());
        assertEquals(List.of(), config.problems());
    }

    @Test
    void anInvalidOrUnreadableSharedFileIsAProblemNamingItAndTheOthersStillCount() throws IOException {
        config("default.yaml", "vmType: [qemu\n");
        Files.createDirectories(home.resolve("_config").resolve("override.yaml"));
        Path dir = instance("vmType: vz\nadditionalDisks: [data]\n");

        LimaConfig config = LimaConfig.read(home, dir);

        assertEquals(Optional.of(VmType.VZ), config.vmType());
        assertEquals(List.of("data"), config.additionalDisks());
        assertEquals(2, config.problems().size(), config.problems().toString());
        assertTrue(config.problems().get(0).contains(home.resolve("_config").resolve("default.yaml").toString()),
                config.problems().get(0));
        assertTrue(config.problems().get(1).startsWith(home.resolve("_config").resolve("override.yaml")
                + " is not a regular file"), config.problems().get(1));
    }

    @Test
    void aDanglingLinkAsSharedFileIsMissingAsForLima() throws IOException {
        Files.createDirectories(home.resolve("_config"));
        Files.createSymbolicLink(home.resolve("_config").resolve("override.yaml"), home.resolve("nowhere.yaml"));
        Path dir = instance("vmType: qemu\n");

        assertEquals(List.of(), LimaConfig.read(home, dir).problems());
    }

    @Test
    void aMissingLimaYamlIsStillAProblem() {
        LimaConfig config = LimaConfig.read(home, home.resolve("gone"));

        assertEquals(1, config.problems().size());
        assertTrue(config.problems().get(0).contains("lima.yaml does not exist"), config.problems().toString());
    }

    @Test
    void anArchThatIsNoNameIsAProblemAndCountsAsAbsent() throws IOException {
        config("default.yaml", "arch: aarch64\n");
        Path dir = instance("arch: 64\n");

        LimaConfig config = LimaConfig.read(home, dir);

        assertEquals(Optional.of("aarch64"), config.arch());
        assertEquals(1, config.problems().size(), config.problems().toString());
        assertTrue(config.problems().get(0).contains("arch is a number, not a name such as x86_64 or aarch64"),
                config.problems().get(0));
    }
}
