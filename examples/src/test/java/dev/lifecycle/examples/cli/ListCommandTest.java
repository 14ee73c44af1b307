// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.api.VmType;
import dev.lifecycle.examples.demo.SimulatedInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifecycle list} / {@code ls} in each form of {@code limactl list}
 * (upstream {@code cmd/limactl/list.go}, {@code pkg/store/instance.go}), with the outputs and
 * exit codes limactl's source gives: the table, {@code --json} lines, {@code -q},
 * {@code --format} templates, names, unmatched names (warning, exit 1), a missing home
 * (warning, exit 0).
 */
class ListCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final SimulatedHomes homes = new SimulatedHomes();

    @AfterEach
    void killLeftovers() {
        homes.close();
    }

    private void stopped(String name, String yaml) throws Exception {
        Files.createDirectories(home.resolve(name));
        Files.writeString(home.resolve(name).resolve("lima.yaml"), yaml);
    }

    private Cli.Result list(String... args) {
        List<String> all = new ArrayList<>(List.of("list", "--lima-home", home.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void tableHasLimactlsColumnsAndSpacing() throws Exception {
        homes.create(home, SimulatedInstance.graceful("running", VmType.QEMU, Duration.ZERO).withDisk("data"));
        stopped("stopped", "vmType: qemu\n");

        Cli.Result r = list();

        assertEquals(0, r.exitCode(), r.err());
        // tabwriter(4, 8, 4, ' '): the widest cell plus 4; unknown CPUs, memory, disk and port as limactl prints them.
        assertEquals(List.of(
                "NAME       STATUS     SSH            VMTYPE    ARCH    CPUS    MEMORY    DISK    DIR",
                "running    Running    127.0.0.1:0    qemu              0       0B        0B      " + home.resolve("running"),
                "stopped    Stopped    127.0.0.1:0    qemu              0       0B        0B      " + home.resolve("stopped")),
                r.out().lines().toList());
        assertEquals("", r.err());
    }

    @Test
    void lsIsList() throws Exception {
        stopped("default", "vmType: qemu\n");

        assertEquals(list().out(), Cli.run("ls", "--lima-home", home.toString()).out());
    }

    @Test
    void aBrokenInstanceIsListedAndItsErrorsGoToStderr() throws Exception {
        stopped("broken", "vmType: krunkit\n");
        Files.writeString(home.resolve("broken").resolve("ha.pid"), "not-a-pid\n");

        Cli.Result r = list();

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("broken\\s+Broken\\s+127\\.0\\.0\\.1:0\\s+krunkit\\s+.*")),
                r.out());
        assertTrue(r.err().matches("(?s)lifecycle list: instance broken has errors: .*ha\\.pid.*not-a-pid.*"), r.err());
    }

    @Test
    void directoriesWhoseNamesLimaRefusesAreNamedOnStderrAndNotListed() throws Exception {
        stopped("default", "vmType: qemu\n");
        stopped("ubuntu.yaml", "vmType: qemu\n");
        stopped("bad_-name", "vmType: qemu\n");

        Cli.Result r = list("-q");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("default"), r.out().lines().toList());
        assertTrue(r.err().contains("lifecycle list: " + home.resolve("ubuntu.yaml") + ": not an instance, instance name"
                + " 'ubuntu.yaml' must not end with .yml or .yaml; left alone"), r.err());
        assertTrue(r.err().contains("lifecycle list: " + home.resolve("bad_-name") + ": not an instance, instance name"
                + " 'bad_-name' is not a valid identifier"), r.err());
    }

    @Test
    void namesSelectInstancesInTheGivenOrder() throws Exception {
        stopped("a", "vmType: qemu\n");
        stopped("b", "vmType: qemu\n");
        stopped("c", "vmType: qemu\n");

        Cli.Result r = list("-q", "c", "a");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("c", "a"), r.out().lines().toList());
    }

    @Test
    void anUnmatchedNameWarnsListsTheOthersAndExitsWithOne() throws Exception {
        stopped("a", "vmType: qemu\n");

        Cli.Result r = list("a", "nosuch");

        assertEquals(1, r.exitCode(), "limactl's unmatchedInstancesError: " + r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().startsWith("a    "), r.out());
        assertEquals("lifecycle list: No instance matching nosuch found.", r.err().strip());
    }

    @Test
    void quietPrintsNamesOnly() throws Exception {
        stopped("a", "vmType: qemu\n");
        stopped("b", "arch: x86_64\n");

        Cli.Result r = list("-q");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("a\nb\n", r.out());
        assertEquals(r.out(), list("--quiet").out());
    }

    @Test
    void jsonIsOneObjectPerLineWithLimactlsFields() throws Exception {
        homes.create(home, SimulatedInstance.graceful("running", VmType.QEMU, Duration.ZERO));
        stopped("stopped", "vmType: qemu\n");
        Files.writeString(home.resolve("stopped").resolve("lima-version"), "2.1.4\n");
        long agent = Long.parseLong(Files.readString(home.resolve("running").resolve("ha.pid")).strip());
        long driver = Long.parseLong(Files.readString(home.resolve("running").resolve("qemu.pid")).strip());

        Cli.Result r = list("--json");

        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode running = JSON.readTree(lines.get(0));
        JsonNode stopped = JSON.readTree(lines.get(1));
        assertEquals(List.of("name", "hostname", "status", "dir", "vmType", "arch", "sshConfigFile", "hostAgentPID",
                "driverPID", "sshAddress", "protected", "limaVersion", "HostOS", "HostArch", "LimaHome", "IdentityFile"),
                fieldNames(running));
        assertEquals("running", running.get("name").asText());
        assertEquals("lima-running", running.get("hostname").asText());
        assertEquals("Running", running.get("status").asText());
        assertEquals(home.resolve("running").toString(), running.get("dir").asText());
        assertEquals("qemu", running.get("vmType").asText());
        assertEquals(agent, running.get("hostAgentPID").asLong());
        assertEquals(driver, running.get("driverPID").asLong());
        assertEquals("Stopped", stopped.get("status").asText());
        assertFalse(stopped.has("hostAgentPID"), "omitempty: a stopped instance has no PIDs: " + stopped);
        assertEquals(home.toString(), stopped.get("LimaHome").asText());
        assertEquals("2.1.4", stopped.get("limaVersion").asText(), "from its lima-version file");
        assertEquals("", running.get("limaVersion").asText(), "no lima-version file: limactl's empty string");
        assertEquals(List.of("running: ", "stopped: 2.1.4"), list("--format", "{{.Name}}: {{.LimaVersion}}").out()
                .lines().toList());
        assertEquals(r.out(), list("--format", "json").out());
        assertEquals(r.out(), list("-f", "json").out());
    }

    @Test
    void formatTemplatesPrintOneLinePerInstance() throws Exception {
        stopped("a", "vmType: qemu\n");
        stopped("b", "arch: x86_64\n");

        Cli.Result r = list("--format", "{{.Name}} is {{ .Status }} ({{.VMType}}) in {{.Dir}}");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("a is Stopped (qemu) in " + home.resolve("a"), "b is Stopped (qemu) in " + home.resolve("b")),
                r.out().lines().toList());
        assertEquals(list("--format", "table").out(), list().out());
    }

    @Test
    void listFieldsNamesTheTemplateFields() {
        Cli.Result r = list("--list-fields");

        assertEquals(0, r.exitCode(), r.err());
        List<String> fields = r.out().lines().toList();
        assertEquals(fields.stream().sorted().toList(), fields);
        assertTrue(fields.containsAll(List.of("Name", "Status", "Dir", "VMType", "Arch", "CPUs", "Memory", "Disk")),
                fields.toString());
    }

    @Test
    void aHomeWithoutInstancesWarnsAndExitsWithZero() {
        Cli.Result r = list();

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals("lifecycle list: No instance found in " + home.toAbsolutePath()
                + ". Run `limactl create` to create an instance.", r.err().strip());
    }

    @Test
    void aMissingHomeIsAHomeWithoutInstancesAsForLimactl() {
        Cli.Result r = Cli.run("list", "--lima-home", home.resolve("missing").toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("No instance found in " + home.resolve("missing")), r.err());

        Cli.Result named = Cli.run(Map.of("LIMA_HOME", home.resolve("missing").toString()), home, "list", "default");
        assertEquals(1, named.exitCode(), named.err());
        assertEquals("lifecycle list: No instance matching default found.", named.err().strip());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
