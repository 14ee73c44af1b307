// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.core.lima.LimaFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimaYamlTest {

    @TempDir
    Path dir;

    private static LimaYaml parse(String yaml) {
        return LimaYaml.parse(yaml.getBytes(StandardCharsets.UTF_8), "x/lima.yaml");
    }

    private static void assertOneProblemContaining(LimaYaml yaml, String... parts) {
        assertEquals(1, yaml.problems().size(), yaml.problems().toString());
        for (String part : parts) {
            assertTrue(yaml.problems().get(0).contains(part), yaml.problems().get(0) + " lacks " + part);
        }
    }

    @Test
    void limasDefaultTemplateNamesNoVmTypeAndNoDisks() {
        LimaYaml yaml = LimaYaml.parse(LimaFixtures.template("default.yaml"), "default.yaml");

        assertEquals(LimaYaml.empty(), yaml);
    }

    @Test
    void limasDockerTemplateReadsCleanly() {
        LimaYaml yaml = LimaYaml.parse(LimaFixtures.template("docker.yaml"), "docker.yaml");

        assertEquals(LimaYaml.empty(), yaml);
    }

    @Test
    void aTemplateWithSettingsAddedIsRead() {
        String yaml = new String(LimaFixtures.template("docker.yaml"), StandardCharsets.UTF_8)
                + "vmType: vz\nadditionalDisks:\n- data\n";

        LimaYaml read = LimaYaml.parse(yaml.getBytes(StandardCharsets.UTF_8), "docker.yaml");

        assertEquals(new LimaYaml(Optional.of(VmType.VZ), Optional.of(List.of("data")), List.of()), read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmType: qemu", "vmType: \"qemu\"", "vmType: QEMU", "vmType: ' qemu '"})
    void vmTypeIsReadIgnoringCaseAndBlanks(String yaml) {
        assertEquals(Optional.of(VmType.QEMU), parse(yaml).vmType());
        assertEquals(List.of(), parse(yaml).problems());
    }

    @Test
    void otherVmTypesAreKeptOpen() {
        assertEquals(Optional.of(VmType.KRUNKIT), parse("vmType: krunkit").vmType());
        assertEquals(Optional.of(VmType.WSL2), parse("vmType: wsl2").vmType());
        assertEquals(Optional.of(new VmType("ext-driver")), parse("vmType: ext-driver").vmType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpus: 4", "vmType:", "vmType: null", "vmType: ~", "vmType: ''", "vmType: default",
        "vmType: Default", ""})
    void absentNullEmptyOrDefaultVmTypeLeavesItToThePlatform(String yaml) {
        assertEquals(LimaYaml.empty(), parse(yaml));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmType: 5", "vmType: true", "vmType: [qemu]", "vmType: {name: qemu}"})
    void aVmTypeThatIsNotTextIsAProblem(String yaml) {
        LimaYaml read = parse(yaml);

        assertEquals(Optional.empty(), read.vmType());
        assertOneProblemContaining(read, "x/lima.yaml", "vmType");
    }

    @Test
    void aVmTypeThatIsNoIdentifierIsAProblem() {
        assertOneProblemContaining(parse("vmType: 'q e m u'"), "x/lima.yaml", "Invalid VM type");
    }

    @Test
    void additionalDisksAreReadInBothForms() {
        LimaYaml read = parse("""
                additionalDisks:
                - data
                - "quoted"
                - name: cache
                  format: true
                  fsType: ext4
                - {name: "flow.disk_1"}
                """);

        assertEquals(List.of("data", "quoted", "cache", "flow.disk_1"), read.additionalDisks().orElseThrow());
        assertEquals(List.of(), read.problems());
    }

    @Test
    void aDiskNamedTwiceIsListedOnce() {
        assertEquals(List.of("data"), parse("additionalDisks: [data, {name: data}]").additionalDisks().orElseThrow());
    }

    @Test
    void diskEntriesWithoutAValidNameAreIgnoredWithAProblemEach() {
        LimaYaml read = parse("""
                additionalDisks:
                - good
                - format: true
                - name: null
                - name: "bad name"
                - "../escape"
                - _disks
                - [nested]
                - 42
                - name: 42
                """);

        assertEquals(List.of("good"), read.additionalDisks().orElseThrow());
        assertEquals(8, read.problems().size(), read.problems().toString());
        assertTrue(read.problems().get(0).contains("additionalDisks[1] has no name"), read.problems().get(0));
        assertTrue(read.problems().get(2).contains("invalid disk name 'bad name'"), read.problems().get(2));
        assertTrue(read.problems().stream().allMatch(p -> p.startsWith("x/lima.yaml: additionalDisks[")
                && p.endsWith("entry ignored")), read.problems().toString());
    }

    @Test
    void additionalDisksThatIsNotAListIsAProblem() {
        LimaYaml read = parse("additionalDisks: data");

        assertEquals(List.of(), read.additionalDisks().orElseThrow());
        assertOneProblemContaining(read, "additionalDisks is a string, not a list");
    }

    @Test
    void anEmptyListOfDisksIsPresentAndANullOneIsAbsent() {
        // Kept apart so that files can be merged as Lima merges them.
        assertEquals(new LimaYaml(Optional.empty(), Optional.of(List.of()), List.of()), parse("additionalDisks: []"));
        assertEquals(LimaYaml.empty(), parse("additionalDisks:"));
        assertEquals(LimaYaml.empty(), parse("additionalDisks: null"));
    }

    @Test
    void duplicateKeysAreAnErrorAsInLima() {
        LimaYaml read = parse("vmType: qemu\nvmType: vz\n");

        assertEquals(Optional.empty(), read.vmType());
        assertOneProblemContaining(read, "x/lima.yaml", "invalid YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "vmType: !!java.lang.ProcessBuilder [touch, /tmp/pwned]",
        "vmType: !custom qemu",
        "cpus: !<tag:example.com,2024:thing> 4"})
    void customTagsAreRefusedNotInstantiated(String yaml) {
        LimaYaml read = parse(yaml);

        assertEquals(Optional.empty(), read.vmType());
        assertOneProblemContaining(read, "x/lima.yaml", "invalid YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmType: [qemu", "a: b: c", "\tvmType: qemu", "key: 'unterminated", "- a\nb: c"})
    void syntaxErrorsAreAProblemNamingTheFile(String yaml) {
        assertOneProblemContaining(parse(yaml), "x/lima.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- vmType: qemu", "just text", "42"})
    void aDocumentThatIsNotAMappingIsAProblem(String yaml) {
        assertOneProblemContaining(parse(yaml), "x/lima.yaml", "not a mapping");
    }

    @Test
    void severalDocumentsAreAProblem() {
        assertOneProblemContaining(parse("vmType: qemu\n---\nvmType: vz\n"), "x/lima.yaml");
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        String deep = "a: " + "[".repeat(200_000) + "]".repeat(200_000);

        assertOneProblemContaining(parse(deep), "nested deeper than " + LimaYaml.MAX_DEPTH);
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        int depth = LimaYaml.MAX_DEPTH - 1;
        String yaml = "a: " + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "\nvmType: vz";

        assertEquals(Optional.of(VmType.VZ), parse(yaml).vmType());
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))));
            yaml.append("]\n");
        }

        assertOneProblemContaining(parse(yaml.toString()), "x/lima.yaml");
    }

    @Test
    void anAliasToAScalarResolvesInBothSettings() {
        LimaYaml read = parse("""
                x-defaults:
                  type: &type vz
                  disk: &disk data
                vmType: *type
                additionalDisks: [*disk, {name: *disk}, cache]
                """);

        assertEquals(new LimaYaml(Optional.of(VmType.VZ), Optional.of(List.of("data", "cache")), List.of()), read);
    }

    @Test
    void anAliasToACollectionInASettingWeReadIsReportedNotGuessed() {
        LimaYaml read = parse("""
                disks: &disks [data]
                additionalDisks: *disks
                """);

        assertEquals(Optional.of(List.of()), read.additionalDisks());
        assertOneProblemContaining(read, "x/lima.yaml", "additionalDisks is an alias (*disks) to a list, a mapping or a"
                + " long text, which is not supported here");
    }

    @Test
    void anAliasToNoEarlierAnchorIsReported() {
        assertOneProblemContaining(parse("vmType: *later\nx: &later vz\n"), "x/lima.yaml", "vmType is an alias (*later)");
    }

    @Test
    void aliasesElsewhereAreSkippedWithoutBeingExpanded() {
        LimaYaml read = parse("""
                base: &base {cpus: 4, memory: 4GiB}
                profiles: [*base, *base]
                vmType: qemu
                """);

        assertEquals(new LimaYaml(Optional.of(VmType.QEMU), Optional.empty(), List.of()), read);
    }

    @Test
    void aMergeKeyAtTheTopLevelIsNotSupportedBecauseItCouldSetVmType() {
        LimaYaml read = parse("""
                base: &base {vmType: vz}
                <<: *base
                """);

        assertEquals(Optional.empty(), read.vmType());
        assertOneProblemContaining(read, "x/lima.yaml", "a merge key (<<) at the top level is not supported");
    }

    @Test
    void aMergeKeyInADiskEntryIsNotSupportedAndTheEntryIsIgnored() {
        LimaYaml read = parse("""
                proto: &proto {name: data}
                additionalDisks:
                - <<: *proto
                  format: false
                - cache
                """);

        assertEquals(Optional.of(List.of("cache")), read.additionalDisks());
        assertOneProblemContaining(read, "additionalDisks[0] uses a merge key (<<), which is not supported here");
    }

    @Test
    void aMergeKeyElsewhereIsSkipped() {
        LimaYaml read = parse("""
                base: &base {cpus: 4}
                custom:
                  <<: *base
                  memory: 8GiB
                vmType: vz
                """);

        assertEquals(new LimaYaml(Optional.of(VmType.VZ), Optional.empty(), List.of()), read);
    }

    @Test
    void anAliasAsATopLevelKeyIsRefused() {
        LimaYaml read = parse("k: &k vmType\n*k : vz\n");

        assertEquals(Optional.empty(), read.vmType());
        assertOneProblemContaining(read, "a top-level key is an alias; only plain names are supported");
    }

    @Test
    void moreEventsThanTheLimitAreRefusedBeforeTheRestIsRead() {
        String many = "x: [" + "a,".repeat(LimaYaml.MAX_EVENTS) + "a]\nvmType: vz\n";

        LimaYaml read = parse(many);

        assertEquals(Optional.empty(), read.vmType(), "never a partial answer");
        assertOneProblemContaining(read, "more than " + LimaYaml.MAX_EVENTS + " YAML events");
    }

    @Test
    void moreDisksThanTheLimitAreRefused() {
        String many = "additionalDisks: [" + "d,".repeat(LimaYaml.MAX_ENTRIES) + "d]\n";

        assertOneProblemContaining(parse(many), "additionalDisks has more than " + LimaYaml.MAX_ENTRIES + " entries");
    }

    @Test
    void problemsAreCountedOnceThereAreMany() {
        String bad = "additionalDisks: [" + "42,".repeat(LimaYaml.MAX_PROBLEMS + 9) + "42]\n";

        LimaYaml read = parse(bad);

        assertEquals(LimaYaml.MAX_PROBLEMS + 1, read.problems().size());
        assertEquals("x/lima.yaml: 10 more problems like these", read.problems().get(LimaYaml.MAX_PROBLEMS));
    }

    @Test
    void longTokensAreReadInOnePassAtTheSizeLimit() {
        int room = LimaYaml.MAX_BYTES - 100;
        for (String yaml : List.of(
                "x: \"" + "a".repeat(room) + "\"\nvmType: vz\n",
                "#" + "a".repeat(room) + "\nvmType: vz\n",
                "x: |\n" + ("  " + "a".repeat(77) + "\n").repeat(room / 80) + "vmType: vz\n")) {
            LimaYaml read = parse(yaml);

            assertEquals(new LimaYaml(Optional.of(VmType.VZ), Optional.empty(), List.of()), read, yaml.substring(0, 10));
        }
    }

    @Test
    void malformedUtf8IsAProblem() {
        byte[] bytes = {'v', 'm', 'T', 'y', 'p', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};

        assertOneProblemContaining(LimaYaml.parse(bytes, "x/lima.yaml"), "x/lima.yaml");
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() {
        byte[] bytes = "\uFEFFvmType: vz\n".getBytes(StandardCharsets.UTF_16LE);

        assertEquals(Optional.of(VmType.VZ), LimaYaml.parse(bytes, "x/lima.yaml").vmType());
    }

    @Test
    void environmentVariablesAreNotSubstituted() {
        assertOneProblemContaining(parse("vmType: ${LIMA_VMTYPE:-vz}"), "Invalid VM type");
    }

    @Test
    void aFileIsReadFromDisk() throws IOException {
        Path file = Files.writeString(dir.resolve("lima.yaml"), "vmType: krunkit\nadditionalDisks: [d1]\n");

        assertEquals(new LimaYaml(Optional.of(VmType.KRUNKIT), Optional.of(List.of("d1")), List.of()), LimaYaml.read(file));
    }

    @Test
    void aMissingFileIsAProblemNamingIt() {
        Path file = dir.resolve("lima.yaml");

        assertOneProblemContaining(LimaYaml.read(file), file.toString(), "does not exist");
    }

    @Test
    void aDirectoryIsAProblem() throws IOException {
        Path file = Files.createDirectory(dir.resolve("lima.yaml"));

        assertOneProblemContaining(LimaYaml.read(file), file.toString(), "not a regular file");
    }

    @Test
    void anOversizedFileIsRefusedUnread() throws IOException {
        Path file = dir.resolve("lima.yaml");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            // A sparse file: large on paper, no disk used.
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}), LimaYaml.MAX_BYTES);
        }

        assertOneProblemContaining(LimaYaml.read(file), file.toString(), "refusing to parse");
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "symlinks need privileges")
    void aSymlinkToARegularFileIsFollowedForReading() throws IOException {
        Path real = Files.writeString(dir.resolve("real.yaml"), "vmType: vz\n");
        Path link = Files.createSymbolicLink(dir.resolve("lima.yaml"), real);

        assertEquals(Optional.of(VmType.VZ), LimaYaml.read(link).vmType());
    }
}
