// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.InstanceReference.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clock-free evidence rule on real directories and symlinks. */
class InstanceReferenceTest {

    @TempDir
    Path home;

    private Path dir;
    private Path other;

    @BeforeEach
    void instances() throws IOException {
        dir = Files.createDirectories(home.resolve("lima").resolve("default"));
        other = Files.createDirectories(home.resolve("lima").resolve("other"));
    }

    private Kind kindOf(List<String> commandLine, List<Path> written) {
        return InstanceReference.of(ProcessEvidence.of(commandLine, written), dir).kind();
    }

    private Kind kindOfCommandLine(String... args) {
        return kindOf(List.of(args), List.of());
    }

    @Test
    void hostAgentCommandLineNamesItsInstance() {
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("limactl", "hostagent", "--pidfile",
                dir.resolve("ha.pid").toString(), "--socket", dir.resolve("ha.sock").toString(), "default"));
    }

    @Test
    void qemuArgumentsWithKeyValueListsNameTheirInstance() {
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("qemu-system-x86_64", "-qmp",
                "unix:" + dir.resolve("qmp.sock") + ",server,nowait"));
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("qemu-system-x86_64", "-drive",
                "file=" + dir.resolve("diffdisk") + ",if=virtio,discard=on"));
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("qemu-system-x86_64", "-pidfile",
                dir.resolve("qemu.pid").toString()));
    }

    @Test
    void driverServerNamesItsInstanceDirectoryItself() {
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("lima-driver-vz", "--inst-dir", dir.toString()));
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("lima-driver-vz", "--inst-dir=" + dir));
        assertEquals(Kind.OTHER_INSTANCE, kindOfCommandLine("lima-driver-vz", "--inst-dir", other.toString()));
    }

    @Test
    void pathsAreComparedAsTheKernelResolvesThemThroughASymlink() throws IOException {
        Path link = Files.createSymbolicLink(home.resolve("via-link"), dir);
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("limactl", "hostagent", "--pidfile",
                link.resolve("ha.pid").toString(), "default"));
    }

    @Test
    void dotDotThroughASymlinkedDirectoryPointsWhereTheKernelGoes() throws IOException {
        // home/lima/jump -> home/elsewhere/sub, so jump/.. is home/elsewhere, not home/lima.
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere").resolve("sub"));
        Files.createDirectories(home.resolve("elsewhere").resolve("default"));
        Path jump = Files.createSymbolicLink(home.resolve("lima").resolve("jump"), elsewhere);
        String textuallyMine = jump + "/../default/ha.pid";
        assertEquals(dir.resolve("ha.pid"), Path.of(textuallyMine).normalize(), "as text it looks like ours");
        assertEquals(Kind.OTHER_INSTANCE, kindOfCommandLine("limactl", "hostagent", "--pidfile", textuallyMine));
    }

    @Test
    void aCopyOfTheDirectoryIsAnotherInstance() {
        InstanceReference r = InstanceReference.of(ProcessEvidence.of(List.of("limactl", "hostagent", "--pidfile",
                other.resolve("ha.pid").toString(), "other"), List.of()), dir);
        assertEquals(Kind.OTHER_INSTANCE, r.kind());
        assertTrue(r.detail().contains(other.toString()), r.detail());
    }

    @Test
    void readingAnInstanceLogIsNotReferringToIt() {
        assertEquals(Kind.NONE, kindOfCommandLine("tail", "-f", dir.resolve("ha.stderr.log").toString()));
        assertEquals(Kind.NONE, kindOfCommandLine("tail", "-f", other.resolve("ha.stderr.log").toString()));
    }

    @Test
    void writingAnInstanceLogIsReferringToIt() {
        assertEquals(Kind.THIS_INSTANCE, kindOf(List.of("limactl"), List.of(dir.resolve("ha.stdout.log"))));
        assertEquals(Kind.OTHER_INSTANCE, kindOf(List.of("limactl"), List.of(other.resolve("ha.stderr.log"))));
    }

    @Test
    void onlyFilesDirectlyInTheDirectoryCount() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        assertEquals(Kind.NONE, kindOfCommandLine("x", "--pidfile", sub.resolve("x.pid").toString()));
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("x", "--pidfile", dir.resolve("x.pid").toString()));
    }

    @Test
    void aPidFileOfSomeDaemonIsNoInstance() {
        assertEquals(Kind.NONE, kindOfCommandLine("sshd", "-o", "PidFile=/var/run/sshd.pid"));
        assertEquals(Kind.NONE, kindOfCommandLine("sh", "-c", "sleep 1000"));
    }

    @Test
    void aRemovedSocketStillResolvesThroughItsDirectory() {
        assertEquals(Kind.THIS_INSTANCE, kindOfCommandLine("ssh", "-o",
                "ControlPath=" + dir.resolve("ssh.sock")));
    }

    @Test
    void thisAndAnotherInstanceIsContradictory() {
        assertEquals(Kind.THIS_AND_OTHER, kindOfCommandLine("limactl", "--pidfile", dir.resolve("ha.pid").toString(),
                "--socket", other.resolve("ha.sock").toString()));
    }

    @Test
    void nothingReadIsUnreadableAndPartlyReadSaysWhat() {
        InstanceReference none = InstanceReference.of(ProcessEvidence.unreadable("PID 7: permission denied"), dir);
        assertEquals(Kind.UNREADABLE, none.kind());
        assertTrue(none.detail().contains("permission denied"));
        InstanceReference partly = InstanceReference.of(ProcessEvidence.commandLineOnly(List.of("sleep", "9"),
                "open files: permission denied"), dir);
        assertEquals(Kind.NONE, partly.kind());
        assertTrue(partly.detail().contains("open files: permission denied"), partly.detail());
    }
}
