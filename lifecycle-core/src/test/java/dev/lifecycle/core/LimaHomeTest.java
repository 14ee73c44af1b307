// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import static dev.lifecycle.core.lima.LimaFixtures.instanceFromTemplate;
import static dev.lifecycle.core.lima.LimaFixtures.instanceWithYaml;
import static dev.lifecycle.core.lima.LimaFixtures.writePid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.VmType;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.SleepingProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.io.TempDir;

/** Finding the Lima home, listing instances and reading their files (only dead stand-in processes). */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "stand-in processes are `sleep`; symlinks need privileges")
class LimaHomeTest {

    @TempDir
    Path tmp;

    private final SleepingProcesses processes = new SleepingProcesses();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        processes.close();
    }

    private LimaHome home(Path path) {
        return LimaHome.of(path, new JdkProcessControl());
    }

    @Test
    void limaHomeComesFromTheEnvironmentVariable() {
        Path userHome = tmp.resolve("user");
        Path custom = tmp.resolve("custom lima");

        LimaHome home = LimaHome.fromEnvironment(Map.of("LIMA_HOME", custom.toString()), userHome);

        assertEquals(custom, home.path());
    }

    @Test
    void withoutTheVariableItIsDotLimaInTheUserHome() {
        Path userHome = tmp.resolve("user");

        assertEquals(userHome.resolve(".lima"), LimaHome.fromEnvironment(Map.of(), userHome).path());
        assertEquals(userHome.resolve(".lima"),
                LimaHome.fromEnvironment(Map.of("LIMA_HOME", "  "), userHome).path());
        assertEquals(userHome.resolve(".lima"), LimaHome.fromEnvironment(Map.of("LIMA_HOME", ""), userHome).path());
    }

    @Test
    void aRelativeLimaHomeIsMadeAbsolute() {
        LimaHome home = LimaHome.fromEnvironment(Map.of("LIMA_HOME", "rel/lima"), tmp);

        assertTrue(home.path().isAbsolute(), home.path().toString());
        assertTrue(home.path().endsWith(Path.of("rel", "lima")), home.path().toString());
    }

    @Test
    void anInvalidLimaHomeVariableIsAnErrorNamingIt() {
        LimaHomeException e = assertThrows(LimaHomeException.class,
                () -> LimaHome.fromEnvironment(Map.of("LIMA_HOME", "bad\0path"), tmp));

        assertTrue(e.getMessage().startsWith("LIMA_HOME='bad"), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid path"), e.getMessage());
    }

    @Test
    void theDefaultEnvironmentGivesAnAbsoluteHome() {
        Path path = LimaHome.fromEnvironment().path();

        assertTrue(path.isAbsolute(), path.toString());
        String env = System.getenv("LIMA_HOME");
        if (env == null || env.isBlank()) {
            assertEquals(Path.of(System.getProperty("user.home"), ".lima"), path);
        }
    }

    @Test
    void aMissingHomeIsAnErrorNamingThePathAndWhatToDo() {
        Path missing = tmp.resolve("no-such-lima");
        LimaHome home = LimaHome.fromEnvironment(Map.of("LIMA_HOME", missing.toString()), tmp);

        LimaHomeException e = assertThrows(LimaHomeException.class, home::list);

        assertEquals(missing, e.limaHome());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("from LIMA_HOME"), e.getMessage());
        assertTrue(e.getMessage().contains("Set LIMA_HOME"), e.getMessage());
        assertThrows(LimaHomeException.class, () -> home.find("default"));
        assertThrows(LimaHomeException.class, home::instanceNames);
    }

    @Test
    void theDefaultHomeSaysThatTheVariableIsNotSet() {
        LimaHomeException e = assertThrows(LimaHomeException.class,
                () -> LimaHome.fromEnvironment(Map.of(), tmp.resolve("nobody")).list());

        assertTrue(e.getMessage().startsWith("The default Lima home (LIMA_HOME is not set) "), e.getMessage());
    }

    @Test
    void aHomeThatIsAFileIsAnError() throws IOException {
        Path file = Files.createFile(tmp.resolve("lima"));

        LimaHomeException e = assertThrows(LimaHomeException.class, () -> home(file).list());

        assertTrue(e.getMessage().contains(file + " is not a directory"), e.getMessage());
        assertTrue(e.getMessage().contains("Use the directory that holds your Lima instances"), e.getMessage());
    }

    @Test
    void anEmptyHomeHasNoInstances() {
        assertEquals(List.of(), home(tmp).list());
    }

    @Test
    void instancesAreTheValidlyNamedSubdirectoriesSortedByName() throws IOException {
        instanceFromTemplate(tmp, "docker", "docker.yaml");
        instanceFromTemplate(tmp, "default", "default.yaml");
        instanceFromTemplate(tmp, "a-1.b_2", "default.yaml");
        for (String lima : List.of("_disks", "_config", "_networks", "_default")) {
            Files.createDirectories(tmp.resolve(lima));
        }
        List<String> invalid = List.of("bad name", "-lead", "trail-", "a..b", "x".repeat(77), "a*", "[b]");
        for (String name : invalid) {
            instanceFromTemplate(tmp, name, "default.yaml");
        }
        instanceFromTemplate(tmp, ".hidden", "default.yaml");
        instanceFromTemplate(tmp, "template.yaml", "default.yaml");
        Files.createDirectories(tmp.resolve("Other.YML"));
        Files.createFile(tmp.resolve("plainfile"));
        Files.createSymbolicLink(tmp.resolve("linked"), tmp.resolve("default"));
        Files.createDirectories(tmp.resolve("noconfig"));

        LimaHome home = home(tmp);

        assertEquals(List.of("a-1.b_2", "default", "docker"), home.instanceNames());
        assertEquals(List.of("noconfig"), home.nonInstanceDirectories());
        assertEquals(List.of("a-1.b_2", "default", "docker"),
                home.list().stream().map(LimaInstance::name).toList());
        // Reported, not skipped in silence (limactl list fails on them); hidden entries are skipped as Lima skips them.
        List<String> misnamed = home.misnamedDirectories();
        assertEquals(invalid.size() + 2, misnamed.size(), misnamed.toString());
        for (String name : invalid) {
            assertTrue(misnamed.stream().anyMatch(m -> m.startsWith(tmp.resolve(name) + ": not an instance, instance name '"
                    + name + "' is not a valid identifier")), name + " in " + misnamed);
        }
        for (String name : List.of("template.yaml", "Other.YML")) {
            assertTrue(misnamed.contains(tmp.resolve(name) + ": not an instance, instance name '" + name
                    + "' must not end with .yml or .yaml; left alone"), name + " in " + misnamed);
        }
        assertTrue(misnamed.stream().noneMatch(m -> m.contains(".hidden")), misnamed.toString());
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class, () -> home.read("template.yaml"));
        assertEquals("Invalid Lima instance name 'template.yaml' must not end with .yml or .yaml", named.getMessage());
    }

    @Test
    void limasTemplatesReadAsStoppedInstancesWithThePlatformDefaultVmType() throws IOException {
        Path defaultDir = instanceFromTemplate(tmp, "default", "default.yaml");
        instanceFromTemplate(tmp, "docker", "docker.yaml");

        List<LimaInstance> instances = home(tmp).list();

        Instance expectedDefault = Instance.builder("default", tmp).vmType(VmType.platformDefault()).build();
        assertEquals(new LimaInstance(expectedDefault, InstanceStatus.STOPPED, List.of()), instances.get(0));
        assertEquals(defaultDir, instances.get(0).instance().directory());
        assertEquals(tmp, instances.get(0).instance().limaHome());
        LimaInstance docker = instances.get(1);
        assertEquals(VmType.platformDefault(), docker.instance().vmType());
        assertEquals(InstanceStatus.STOPPED, docker.status());
        assertEquals(List.of(), docker.problems());
    }

    @Test
    void theVmTypeDecidesWhichDriverPidFileIsRead() throws IOException, InterruptedException {
        long dead = processes.deadPid();
        for (String type : List.of("qemu", "vz", "krunkit")) {
            Path dir = instanceWithYaml(tmp, type + "vm", "vmType: " + type + "\n");
            for (String other : List.of("qemu", "vz", "krunkit")) {
                if (!other.equals(type)) {
                    Files.writeString(dir.resolve(other + ".pid"), "garbage, never read\n");
                }
            }
            writePid(dir.resolve(type + ".pid"), dead);
        }

        // Read as on macOS, where all three can run.
        for (LimaInstance found : home(tmp).withHostOs(HostOs.MACOS).list()) {
            String type = found.name().replace("vm", "");
            assertEquals(VmType.of(type), found.instance().vmType());
            assertEquals(Optional.of(dead), found.instance().driver().map(ProcessRef::pid), found.name());
            assertEquals(Optional.of(found.instance().directory().resolve(type + ".pid")),
                    found.instance().driver().flatMap(ProcessRef::pidFile));
            assertEquals(InstanceStatus.STOPPED, found.status(), found.problems().toString());
        }
    }

    @Test
    void onWindowsAnInstanceWithoutVmTypeIsQemuAndKeepsItsQemuPid() throws IOException, InterruptedException {
        Path dir = instanceFromTemplate(tmp, "win", "default.yaml");
        long qemu = processes.deadPid();
        writePid(dir.resolve("qemu.pid"), qemu);
        writePid(dir.resolve("wsl2.pid"), processes.deadPid());

        LimaInstance found = home(tmp).withHostOs(HostOs.WINDOWS).read("win");

        assertEquals(VmType.QEMU, found.instance().vmType());
        assertEquals(Optional.of(dir.resolve("qemu.pid")), found.instance().driver().flatMap(ProcessRef::pidFile));
        assertEquals(Optional.of(qemu), found.instance().driver().map(ProcessRef::pid));
    }

    @Test
    void wsl2ReadsNoDriverPidFile() throws IOException {
        Path dir = instanceWithYaml(tmp, "win", "vmType: wsl2\n");
        Files.writeString(dir.resolve("wsl2.pid"), "garbage\n");

        LimaInstance found = home(tmp).withHostOs(HostOs.WINDOWS).read("win");

        assertEquals(Optional.empty(), found.instance().driver());
        assertTrue(found.problems().stream().noneMatch(p -> p.contains("wsl2.pid")), found.problems().toString());
    }

    @Test
    void driverServerPidFilesAreFoundByListingAndKeptApartFromTheDriver() throws IOException, InterruptedException {
        Path dir = instanceWithYaml(tmp, "ext", "vmType: qemu\n");
        long driver = processes.deadPid();
        long server1 = processes.deadPid();
        long server2 = processes.deadPid();
        writePid(dir.resolve("qemu.pid"), driver);
        writePid(dir.resolve("qemu.drv.pid"), server1);
        writePid(dir.resolve("vz.drv.pid"), server2);
        Files.writeString(dir.resolve("qemu.drv.sock"), "");
        Files.writeString(dir.resolve("x.drv.pid.tmp"), "1\n");
        Files.createDirectories(dir.resolve("sub"));
        writePid(dir.resolve("sub").resolve("nested.drv.pid"), server1);

        LimaInstance found = home(tmp).read("ext");

        assertEquals(Optional.of(driver), found.instance().driver().map(ProcessRef::pid));
        assertEquals(List.of(server1, server2), found.instance().driverServers().stream().map(ProcessRef::pid).toList());
        assertEquals(List.of(dir.resolve("qemu.drv.pid"), dir.resolve("vz.drv.pid")),
                found.instance().driverServers().stream().map(r -> r.pidFile().orElseThrow()).toList());
        assertEquals(InstanceStatus.STOPPED, found.status(), found.problems().toString());
    }

    @Test
    void driverServersOfEveryLima2NamingAreFound() throws IOException, InterruptedException {
        Path dir = instanceWithYaml(tmp, "kr", "vmType: krunkit\n");
        writePid(dir.resolve("krunkit.pid"), processes.deadPid());
        long drv = processes.deadPid();
        long ha = processes.deadPid();
        long cli = processes.deadPid();
        writePid(dir.resolve("krunkit.drv.pid"), drv);                 // Lima >= 2.2
        writePid(dir.resolve("lima-driver-krunkit-ha.pid"), ha);       // Lima 2.1.2-2.1.4, started by the agent
        writePid(dir.resolve("lima-driver-krunkit-cli.pid"), cli);     // ... started by limactl
        for (String notAServer : List.of("lima-driver-krunkit.pid", "lima-driver-krunkit-gui.pid", "lima-driver--ha.pid",
                ".drv.pid", "lima-driver-krunkit-ha.pid.tmp")) {
            writePid(dir.resolve(notAServer), processes.deadPid());
        }

        LimaInstance found = home(tmp).read("kr");

        assertEquals(List.of(dir.resolve("krunkit.drv.pid"), dir.resolve("lima-driver-krunkit-cli.pid"),
                        dir.resolve("lima-driver-krunkit-ha.pid")),
                found.instance().driverServers().stream().map(r -> r.pidFile().orElseThrow()).toList());
        assertEquals(List.of(drv, cli, ha), found.instance().driverServers().stream().map(ProcessRef::pid).toList());
        assertEquals(Optional.of(dir.resolve("krunkit.pid")), found.instance().driver().flatMap(ProcessRef::pidFile));
    }

    @Test
    void theLimaVersionFileIsReadTrimmed() throws IOException {
        Path dir = instanceFromTemplate(tmp, "versioned", "default.yaml");
        Files.writeString(dir.resolve("lima-version"), "2.1.4\n");
        Path empty = instanceFromTemplate(tmp, "empty", "default.yaml");
        Files.writeString(empty.resolve("lima-version"), " \n");
        instanceFromTemplate(tmp, "old", "default.yaml");

        assertEquals(Optional.of("2.1.4"), home(tmp).read("versioned").instance().limaVersion());
        assertEquals(InstanceStatus.STOPPED, home(tmp).read("versioned").status());
        assertEquals(Optional.empty(), home(tmp).read("empty").instance().limaVersion());
        assertEquals(Optional.empty(), home(tmp).read("old").instance().limaVersion(), "Lima < 0.20 wrote none");
        assertEquals(InstanceStatus.STOPPED, home(tmp).read("old").status());
    }

    @Test
    void aLimaVersionFileThatHoldsNoVersionIsAProblemNamingIt() throws IOException {
        Path binary = instanceFromTemplate(tmp, "binary", "default.yaml");
        Files.write(binary.resolve("lima-version"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1});
        Path big = instanceFromTemplate(tmp, "big", "default.yaml");
        Files.writeString(big.resolve("lima-version"), "2".repeat(300));
        Path folder = instanceFromTemplate(tmp, "folder", "default.yaml");
        Files.createDirectory(folder.resolve("lima-version"));

        for (String name : List.of("binary", "big", "folder")) {
            LimaInstance found = home(tmp).read(name);
            assertEquals(Optional.empty(), found.instance().limaVersion(), name);
            assertEquals(InstanceStatus.BROKEN, found.status(), name);
            assertTrue(found.problems().get(0).startsWith(tmp.resolve(name).resolve("lima-version").toString()),
                    found.problems().toString());
        }
    }

    @Test
    void aDriverServerPidFileThatIsNoRegularFileIsAProblem() throws IOException {
        Path dir = instanceWithYaml(tmp, "ext", "vmType: qemu\n");
        Files.createDirectory(dir.resolve("odd.drv.pid"));

        LimaInstance found = home(tmp).read("ext");

        assertEquals(List.of(), found.instance().driverServers());
        assertEquals(InstanceStatus.BROKEN, found.status());
        assertTrue(found.problems().get(0).contains("odd.drv.pid is a directory, not a regular file"),
                found.problems().toString());
    }

    @Test
    void additionalDisksAreReadInBothFormsAndBadEntriesMakeItBroken() throws IOException {
        instanceWithYaml(tmp, "disks", """
                vmType: qemu
                additionalDisks:
                - data
                - name: cache
                  format: true
                - format: false
                - "not valid"
                """);
        Files.createDirectories(tmp.resolve("_disks").resolve("data"));

        LimaInstance found = home(tmp).read("disks");

        assertEquals(List.of("data", "cache"), found.instance().additionalDisks());
        assertEquals(InstanceStatus.BROKEN, found.status());
        assertEquals(2, found.problems().size(), found.problems().toString());
        assertTrue(found.problems().stream().allMatch(p -> p.contains(tmp.resolve("disks").resolve("lima.yaml")
                .toString())), found.problems().toString());
    }

    @Test
    void aDirectoryWithoutLimaYamlIsNotAnInstanceAndIsNamedAsLeftAlone() throws IOException, InterruptedException {
        instanceFromTemplate(tmp, "default", "default.yaml");
        Path dir = Files.createDirectories(tmp.resolve("projects"));
        writePid(dir.resolve("ha.pid"), processes.deadPid());
        Files.createDirectories(tmp.resolve("run"));
        Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        LimaHome home = home(tmp);

        assertEquals(List.of("default"), home.instanceNames());
        assertEquals(List.of("default"), home.list().stream().map(LimaInstance::name).toList());
        assertEquals(List.of("projects", "run"), home.nonInstanceDirectories(), "symbolic links are neither");
        assertEquals(Optional.empty(), home.find("projects"));
        LimaHomeException e = assertThrows(LimaHomeException.class, () -> home.read("projects"));
        assertTrue(e.getMessage().contains(dir + " has no lima.yaml, so it is not a Lima instance; nothing in it is"
                + " read, stopped or removed"), e.getMessage());
    }

    @Test
    void anUnreadableOrOddLimaYamlStillMakesAnInstanceABrokenOne() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("odd"));
        Files.createDirectories(dir.resolve("lima.yaml"));

        LimaInstance found = home(tmp).read("odd");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertTrue(found.problems().get(0).contains("is not a regular file"), found.problems().toString());
    }

    @Test
    void anUnparsableLimaYamlIsBrokenWithTheParserError() throws IOException {
        instanceWithYaml(tmp, "garbled", "vmType: [qemu\n");

        LimaInstance found = home(tmp).read("garbled");

        assertEquals(InstanceStatus.BROKEN, found.status());
        assertTrue(found.problems().get(0).startsWith(tmp.resolve("garbled").resolve("lima.yaml") + ": invalid YAML"),
                found.problems().toString());
    }

    @Test
    void oneBrokenInstanceDoesNotSpoilTheList() throws IOException {
        instanceFromTemplate(tmp, "good", "docker.yaml");
        instanceWithYaml(tmp, "bad", "{{{{");

        List<LimaInstance> all = home(tmp).list();

        assertEquals(List.of(InstanceStatus.BROKEN, InstanceStatus.STOPPED), all.stream().map(LimaInstance::status).toList());
    }

    @Test
    void findAndReadNameTheUnknownInstanceAndTheHome() throws IOException {
        instanceFromTemplate(tmp, "default", "default.yaml");
        LimaHome home = home(tmp);

        assertEquals(Optional.empty(), home.find("other"));
        assertEquals("default", home.find("default").orElseThrow().name());
        LimaHomeException e = assertThrows(LimaHomeException.class, () -> home.read("other"));
        assertTrue(e.getMessage().startsWith("No Lima instance 'other' in the Lima home " + tmp + ": there is no directory "
                + tmp.resolve("other")), e.getMessage());
        assertTrue(e.getMessage().contains("limactl list"), e.getMessage());
    }

    @Test
    void aSymlinkedOrFileInstanceIsNotFound() throws IOException {
        instanceFromTemplate(tmp, "default", "default.yaml");
        Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("default"));
        Files.createFile(tmp.resolve("flat"));
        LimaHome home = home(tmp);

        assertEquals(Optional.empty(), home.find("alias"));
        assertTrue(assertThrows(LimaHomeException.class, () -> home.read("alias")).getMessage()
                .contains("is a symbolic link"));
        assertTrue(assertThrows(LimaHomeException.class, () -> home.read("flat")).getMessage()
                .contains("is not a directory"));
    }

    @Test
    void invalidNamesAreRejected() {
        LimaHome home = home(tmp);

        for (String name : List.of("_disks", "../etc", "a/b", "", "bad name", "x".repeat(77))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> home.find(name), name);
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        }
    }

    @Test
    void aHomePathWithGlobMetacharactersAndSpacesWorks() throws IOException, InterruptedException {
        assertReadableHome("my lima [x] *?{a,b}", "my lima x ab");
    }

    @Test
    void aHomePathWithNonAsciiCharactersWorks() throws IOException, InterruptedException {
        // A JVM started in the POSIX locale cannot name such files at all.
        assumeTrue(canName("ümlaut 日本"), "the file system encoding (sun.jnu.encoding="
                + System.getProperty("sun.jnu.encoding") + ") cannot represent non-ASCII names");
        assertReadableHome("lima [ü] *?日本", "lima ü 日本");
    }

    private static boolean canName(String text) {
        try {
            Path.of(text);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** A home named {@code name} next to a decoy sibling a glob on that name could match. */
    private void assertReadableHome(String name, String decoyName) throws IOException, InterruptedException {
        Path odd = Files.createDirectories(tmp.resolve(name));
        Path dir = instanceFromTemplate(odd, "default", "docker.yaml");
        Files.createDirectories(odd.resolve("_disks"));
        long dead = processes.deadPid();
        writePid(dir.resolve("ha.pid"), dead);
        writePid(dir.resolve("qemu.drv.pid"), dead);
        instanceFromTemplate(Files.createDirectories(tmp.resolve(decoyName)), "decoy", "docker.yaml");

        LimaHome home = LimaHome.fromEnvironment(Map.of("LIMA_HOME", odd.toString()), tmp)
                .withProcessControl(new JdkProcessControl());
        List<LimaInstance> all = home.list();

        assertEquals(odd, home.path());
        assertEquals(List.of("default"), all.stream().map(LimaInstance::name).toList());
        Instance instance = all.get(0).instance();
        assertEquals(dir, instance.directory());
        assertEquals(Optional.of(dead), instance.hostAgent().map(ProcessRef::pid));
        assertEquals(List.of(dead), instance.driverServers().stream().map(ProcessRef::pid).toList());
        assertEquals(InstanceStatus.STOPPED, all.get(0).status(), all.get(0).problems().toString());
        assertEquals(dir, home.read("default").instance().directory());
    }

    @Test
    void aBrokenLimaInstanceNeedsAProblem() {
        Instance instance = Instance.builder("x", tmp).build();

        assertThrows(IllegalArgumentException.class, () -> new LimaInstance(instance, InstanceStatus.BROKEN, List.of()));
    }
}
