// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.ExpectedOwner;
import dev.lifecycle.spi.ProcessLookup;
import dev.lifecycle.spi.ReferenceScan;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clock-free half of the identity rule on Linux, with real processes: what
 * {@code /proc/<pid>/cmdline} and {@code /proc/<pid>/fd} say decides where the wall clock
 * cannot, on the pidfd and on the kill(2) path.
 */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxEvidenceTest extends RealProcessTest {

    /** Blocks in the shell itself (no child), until its input closes. */
    private static final String WAIT = "read line";

    private Path instance;
    private Path other;

    @BeforeEach
    void instances() throws IOException {
        instance = Files.createDirectories(dir.resolve("lima").resolve("default"));
        other = Files.createDirectories(dir.resolve("lima").resolve("other"));
    }

    private Process agentOf(Path instanceDir) {
        return spawner.start(WAIT, "limactl", "hostagent", "--pidfile", instanceDir.resolve("ha.pid").toString(),
                "--socket", instanceDir.resolve("ha.sock").toString(), instanceDir.getFileName().toString());
    }

    /** A PID file written an hour before the process started: a forward step of the clock. */
    private ProcessRef pidFileAnHourBefore(Process p) throws IOException {
        return pidFileAt(p, p.info().startInstant().orElseThrow().minus(Duration.ofHours(1)));
    }

    private ProcessRef pidFileAt(Process p, Instant written) throws IOException {
        Path pidFile = Files.writeString(instance.resolve("ha.pid"), p.pid() + "\n");
        Files.setLastModifiedTime(pidFile, FileTime.from(written));
        return ProcessRef.recordedIn(p.pid(), pidFile, Files.getLastModifiedTime(pidFile).toInstant());
    }

    private ProcessRef pidFileNow(Process p) throws IOException {
        return pidFileAt(p, Instant.now());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void anAgentNamingThisInstanceIsOursThoughItsPidFileLooksOlderThanIt(LinuxProcessControl control)
            throws IOException {
        Process agent = agentOf(instance);

        ProcessLookup lookup = control.find(pidFileAnHourBefore(agent), ExpectedOwner.namingItsInstance(instance));

        ProcessLookup.Found found = assertInstanceOf(ProcessLookup.Found.class, lookup, lookup.detail());
        found.target().close();
        assertTrue(lookup.detail().contains("--pidfile") && lookup.detail().contains("clock"), lookup.detail());
        // Without the owner, the start time alone still says it is not ours: the evidence made the difference.
        assertInstanceOf(ProcessLookup.NotOurs.class, control.find(pidFileAnHourBefore(agent)));
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void anUnrelatedProcessWithAConsistentStartIsUnknownAndUntouched(LinuxProcessControl control) throws IOException {
        Process stranger = spawner.start(WAIT, "some-daemon", "--config", "/etc/daemon.conf");

        ProcessLookup lookup = control.find(pidFileNow(stranger), ExpectedOwner.namingItsInstance(instance));

        assertInstanceOf(ProcessLookup.Unknown.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains("ps -o pid,lstart,args -p " + stranger.pid()), lookup.detail());
        assertTrue(stranger.isAlive());
        ProcessLookup anyRole = control.find(pidFileNow(stranger), ExpectedOwner.withAnyCommandLine(instance));
        assertInstanceOf(ProcessLookup.Found.class, anyRole, anyRole.detail()).target().close();
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void anAgentOfAnotherInstanceIsNeverOursWhateverItsStartTime(LinuxProcessControl control) throws IOException {
        Process originals = agentOf(other);

        ProcessLookup lookup = control.find(pidFileNow(originals), ExpectedOwner.namingItsInstance(instance));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains(other.toRealPath().toString()), lookup.detail());
        assertTrue(originals.isAlive());
    }

    @Test
    void aLogOpenForWritingIsEvidenceAndOneOpenForReadingIsNot() throws Exception {
        LinuxProcessControl control = new LinuxProcessControl();
        Path log = Files.writeString(instance.resolve("ha.stdout.log"), "{}\n");
        Process writer = new ProcessBuilder("sh", "-c", "read line")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process reader = new ProcessBuilder("sh", "-c", "read line < \"$0\"; read line", log.toString()).start();
        try {
            ProcessLookup written = control.find(pidFileAnHourBefore(writer), ExpectedOwner.namingItsInstance(instance));
            assertInstanceOf(ProcessLookup.Found.class, written, written.detail()).target().close();
            assertTrue(written.detail().contains("ha.stdout.log open for writing"), written.detail());

            ProcessLookup read = control.find(pidFileNow(reader), ExpectedOwner.namingItsInstance(instance));
            assertInstanceOf(ProcessLookup.Unknown.class, read, read.detail());
        } finally {
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void aThreadIdIsNeverAProcessOfTheInstance(LinuxProcessControl control) throws IOException {
        long self = ProcessHandle.current().pid();
        long thread = -1;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                long tid = Long.parseLong(t.getFileName().toString());
                if (tid != self) {
                    thread = tid;
                    break;
                }
            }
        }
        assumeTrue(thread > 0, "the JVM runs more than one thread");
        Path pidFile = Files.writeString(instance.resolve("ha.pid"), thread + "\n");

        ProcessLookup lookup = control.find(ProcessRef.recordedIn(thread, pidFile, Instant.now()),
                ExpectedOwner.namingItsInstance(instance));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains("thread of process " + self), lookup.detail());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void aKernelThreadIsNeverAProcessOfTheInstance(LinuxProcessControl control) throws IOException {
        Path status = Path.of("/proc/2/status");
        assumeTrue(Files.exists(status) && Files.readString(status).contains("kthreadd"),
                "kernel threads are visible here (not in a container's PID namespace)");

        ProcessLookup lookup = control.find(ProcessRef.recordedIn(2, instance.resolve("ha.pid"), Instant.now()),
                ExpectedOwner.namingItsInstance(instance));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains("kernel thread"), lookup.detail());
    }

    @ParameterizedTest
    @MethodSource(SIGNAL_PATHS)
    void anAncestorOfThisProcessIsNeverOurs(LinuxProcessControl control) {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assumeTrue(parent > 1, "the JVM has a parent other than init");

        ProcessLookup lookup = control.find(ProcessRef.recordedIn(parent, instance.resolve("ha.pid"), Instant.now()),
                ExpectedOwner.namingItsInstance(instance));

        assertInstanceOf(ProcessLookup.NotOurs.class, lookup, lookup.detail());
        assertTrue(lookup.detail().contains("ancestor"), lookup.detail());
    }

    @Test
    void theScanFindsEveryProcessThatRefersToTheInstanceAndNoOther() throws Exception {
        LinuxProcessControl control = new LinuxProcessControl();
        Process agent = agentOf(instance);
        Process otherAgent = agentOf(other);
        Process stranger = spawner.start(WAIT, "tail", "-f", instance.resolve("ha.stderr.log").toString());
        Path log = Files.writeString(instance.resolve("ha.stderr.log"), "");
        Process logWriter = new ProcessBuilder("sh", "-c", "read line")
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            ReferenceScan scan = control.scanReferences(instance);

            List<Long> pids = scan.referring().stream().map(ReferenceScan.Referrer::pid).collect(Collectors.toList());
            assertTrue(pids.contains(agent.pid()), scan.toString());
            assertTrue(pids.contains(logWriter.pid()), scan.toString());
            assertFalse(pids.contains(otherAgent.pid()) || pids.contains(stranger.pid()), scan.toString());
            assertEquals(2, pids.size(), scan.toString());
            assertTrue(scan.referring().get(0).detail().startsWith("PID "), scan.toString());
        } finally {
            logWriter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
