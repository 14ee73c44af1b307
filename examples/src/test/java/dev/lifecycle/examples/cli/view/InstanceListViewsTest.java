// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code list}'s table, JSON lines and templates, against what limactl's source prints:
 * {@code store.PrintInstances} (tabwriter 4, 8, 4, ' '; units.BytesSize; the column-hiding
 * rule), {@code limatype.Instance}'s JSON tags and Go's {@code text/template}.
 */
class InstanceListViewsTest {

    private static final Path USER_HOME = Path.of("/home/u");

    private static ListedInstance instance(String name, String status, String vmType, String arch, int cpus,
                                           long memory, long disk, int sshPort, String dir) {
        return new ListedInstance(name, ListedInstance.hostname(name), status, dir, vmType, arch, cpus, memory, disk,
                "", List.of(), sshPort, dir + "/ssh.config", 0, 0, List.of(), "127.0.0.1", false, "", "linux",
                "x86_64", "/home/u/.lima", "/home/u/.lima/_config/user");
    }

    private static final ListedInstance DEFAULT = instance("default", "Running", "qemu", "x86_64", 4, 4L << 30,
            100L << 30, 60022, "/home/u/.lima/default");
    private static final ListedInstance K8S = instance("k8s", "Stopped", "vz", "aarch64", 2, 3L << 29, 50L << 30, 0,
            "/srv/lima/k8s");

    private static String table(List<ListedInstance> instances, OptionalInt width, boolean allFields) {
        StringWriter sw = new StringWriter();
        InstanceListTable.print(new PrintWriter(sw), instances, USER_HOME, width, allFields);
        return sw.toString();
    }

    @Test
    void tableIsGoTabwriterWithMinWidth4AndPadding4AndAnUnpaddedLastColumn() {
        String expected = String.join("\n",
                "NAME       STATUS     SSH                VMTYPE    ARCH       CPUS    MEMORY    DISK      DIR",
                "default    Running    127.0.0.1:60022    qemu      x86_64     4       4GiB      100GiB    ~/.lima/default",
                "k8s        Stopped    127.0.0.1:0        vz        aarch64    2       1.5GiB    50GiB     /srv/lima/k8s",
                "");

        assertEquals(expected, table(List.of(DEFAULT, K8S), OptionalInt.empty(), false));
    }

    @Test
    void aNarrowTerminalLosesVmTypeThenArchThenDirAsLimactlDecides() {
        ListedInstance a = instance("a", "Stopped", "qemu", "x86_64", 1, 0, 0, 0, "/l/a");
        ListedInstance b = instance("b", "Stopped", "qemu", "x86_64", 1, 0, 0, 0, "/l/b");
        // (5 + 7) * 8 = 96: below that, one shared VM type is hidden; (5 + 6) * 8 = 88: one arch, the host's;
        // then (5 + 3 + 2) * 8 = 80: DIR.
        assertTrue(table(List.of(a, b), OptionalInt.of(96), false).startsWith("NAME    STATUS     SSH            VMTYPE"));
        assertTrue(table(List.of(a, b), OptionalInt.of(95), false).startsWith("NAME    STATUS     SSH            ARCH"));
        assertTrue(table(List.of(a, b), OptionalInt.of(87), false).startsWith("NAME    STATUS     SSH            CPUS"));
        assertTrue(table(List.of(a, b), OptionalInt.of(80), false).lines().findFirst().orElseThrow().endsWith("DIR"));
        assertTrue(table(List.of(a, b), OptionalInt.of(79), false).lines().findFirst().orElseThrow().endsWith("DISK"));
        assertTrue(table(List.of(a, b), OptionalInt.of(40), true).contains("VMTYPE    ARCH"), "--all-fields hides nothing");
        // Two VM types, an arch that is not the host's: only DIR can go.
        assertTrue(table(List.of(DEFAULT, K8S), OptionalInt.of(40), false).startsWith(
                "NAME       STATUS     SSH                VMTYPE    ARCH       CPUS"));
    }

    @ParameterizedTest
    @CsvSource({"0, 0B", "1023, 1023B", "1024, 1KiB", "1536, 1.5KiB", "4294967296, 4GiB", "107374182400, 100GiB",
        "1610612736, 1.5GiB", "1073741823, 1024MiB", "123456789, 117.7MiB"})
    void sizesAreGoUnitsBytesSize(long bytes, String expected) {
        assertEquals(expected, InstanceListTable.bytesSize(bytes));
    }

    @Test
    void theUsersHomeIsShownAsTilde() {
        assertEquals("~/.lima/default", InstanceListTable.tilde("/home/u/.lima/default", USER_HOME));
        assertEquals("/srv/lima/x", InstanceListTable.tilde("/srv/lima/x", USER_HOME));
    }

    @Test
    void jsonIsOneObjectPerLineInLimactlsFieldOrderWithoutEmptyOmittableFields() {
        ListedInstance running = new ListedInstance("default", "lima-default", "Running", "/l/default", "qemu", "", 0, 0,
                0, "", List.of("data"), 0, "/l/default/ssh.config", 4242, 4243, List.of(), "127.0.0.1", false, "",
                "linux", "x86_64", "/l", "/l/_config/user");
        ListedInstance broken = new ListedInstance("b", "lima-b", "Broken", "/l/b", "vz", "", 0, 0, 0, "", List.of(), 0,
                "/l/b/ssh.config", 0, 0, List.of("ha.pid holds 'x'"), "127.0.0.1", true, "", "darwin", "aarch64", "/l",
                "/l/_config/user");
        StringWriter sw = new StringWriter();

        InstanceJsonLines.print(new PrintWriter(sw), List.of(running, broken));

        assertEquals(List.of(
                "{\"name\":\"default\",\"hostname\":\"lima-default\",\"status\":\"Running\",\"dir\":\"/l/default\","
                        + "\"vmType\":\"qemu\",\"arch\":\"\",\"additionalDisks\":[{\"name\":\"data\"}],"
                        + "\"sshConfigFile\":\"/l/default/ssh.config\",\"hostAgentPID\":4242,\"driverPID\":4243,"
                        + "\"sshAddress\":\"127.0.0.1\",\"protected\":false,\"limaVersion\":\"\",\"HostOS\":\"linux\","
                        + "\"HostArch\":\"x86_64\",\"LimaHome\":\"/l\",\"IdentityFile\":\"/l/_config/user\"}",
                "{\"name\":\"b\",\"hostname\":\"lima-b\",\"status\":\"Broken\",\"dir\":\"/l/b\",\"vmType\":\"vz\","
                        + "\"arch\":\"\",\"sshConfigFile\":\"/l/b/ssh.config\",\"errors\":[\"ha.pid holds 'x'\"],"
                        + "\"sshAddress\":\"127.0.0.1\",\"protected\":true,\"limaVersion\":\"\",\"HostOS\":\"darwin\","
                        + "\"HostArch\":\"aarch64\",\"LimaHome\":\"/l\",\"IdentityFile\":\"/l/_config/user\"}"),
                sw.toString().lines().toList());
    }

    @Test
    void templatesFillFieldsAroundLiteralTextOncePerInstance() {
        StringWriter sw = new StringWriter();
        InstanceTemplate.parse("{{.Name}}\t{{ .Status }} cpus={{.CPUs}} {{.Memory}} {{.Errors}} {{.Protected}}")
                .print(new PrintWriter(sw), List.of(DEFAULT, K8S));

        assertEquals(List.of("default\tRunning cpus=4 4294967296 [] false", "k8s\tStopped cpus=2 1610612736 [] false"),
                sw.toString().lines().toList());
    }

    @Test
    void templateTrimMarkersEatTheSpaceBesideThem() {
        assertEquals("default ,Running", InstanceTemplate.parse("{{.Name}} ,  {{- .Status}}").render(DEFAULT));
        assertEquals("default:Running", InstanceTemplate.parse("{{.Name -}}  \n :{{.Status}}").render(DEFAULT));
    }

    @Test
    void templateJsonIsTheJsonLine() {
        assertEquals("> " + InstanceJsonLines.line(DEFAULT), InstanceTemplate.parse("> {{json .}}").render(DEFAULT));
    }

    @Test
    void templateErrorsNameWhatIsWrongAndTheFields() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> InstanceTemplate.parse("{{.name}}"));
        assertTrue(unknown.getMessage().contains("can't evaluate field name"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("Name, Protected"), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InstanceTemplate.parse("{{.Name"))
                .getMessage().contains("unclosed action"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InstanceTemplate.parse("{{.Name | upper}}"))
                .getMessage().contains("is not supported"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InstanceTemplate.parse("{{.Config}}"))
                .getMessage().contains("not available here"));
    }

    @Test
    void listFieldsAreSortedGoNames() {
        List<String> names = InstanceTemplate.fieldNames();
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(names.containsAll(List.of("Name", "Status", "Dir", "VMType", "Arch", "CPUs", "Memory", "Disk",
                "SSHLocalPort", "HostAgentPID", "DriverPID", "Errors", "HostOS", "LimaHome")), names.toString());
    }

    @Test
    void hostnameAndHostNamesAreLimas() {
        assertEquals("lima-my-example-com", ListedInstance.hostname("my_example.com"));
        assertEquals("x86_64", ListedInstance.hostArch("amd64"));
        assertEquals("aarch64", ListedInstance.hostArch("aarch64"));
        assertEquals("darwin", ListedInstance.hostOs(dev.lifecycle.api.HostOs.MACOS));
    }
}
