// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.ProbingProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules that keep a running VM's data safe, end to end with real processes and real
 * directories: identity that a wall-clock step cannot fool, a copied instance directory
 * that never stops the original, PID files that cannot be read, and disk locks that are
 * exactly this instance's. Runs through the pure-JDK provider (command lines only); the
 * Unix module runs it again with the Linux provider (command lines and open files).
 */
public class StopSafetyTest {

    @TempDir
    Path home;

    private final List<FakeInstance> fakes = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final ProcessControl control = control();

    /**
     * The provider under test; the Unix module runs this suite again with its own.
     *
     * @return the provider
     */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    private InstanceStopper stopper() {
        return InstanceStoppers.builder().processControl(control).extensions(List.of()).listener(listener).build();
    }

    private FakeInstance fake(String name) throws IOException {
        return fake(home, name);
    }

    private FakeInstance fake(Path limaHome, String name) throws IOException {
        FakeInstance f = new FakeInstance(limaHome, name);
        fakes.add(f);
        return f;
    }

    private ScriptProcess started(ScriptProcess p) {
        fakes.get(0).processes.add(p);
        return p;
    }

    @AfterEach
    void killLeftovers() {
        fakes.forEach(FakeInstance::close);
    }

    private static StopOptions mode(StopMode mode) {
        return StopOptions.builder().mode(mode).gracePeriod(Duration.ofSeconds(10))
                .killTimeout(Duration.ofSeconds(5)).build();
    }

    /** Whether any signal was sent; waits for the events, which reach the listener on its own thread. */
    private boolean anySignal() throws InterruptedException {
        return listener.awaitReports(1).stream()
                .anyMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT || e.type() == StopEvent.Type.KILL_SENT);
    }

    private static String all(StopReport report, String step) {
        return report.steps(step).stream().map(StepResult::message).collect(Collectors.joining("\n"));
    }

    private static void setWritten(Path pidFile, Instant at) throws IOException {
        Files.setLastModifiedTime(pidFile, FileTime.from(at));
    }

    // ---- identity that the wall clock cannot fool ------------------------------------

    @Test
    void aLiveAgentWhosePidFileLooksOlderThanItIsStoppedAndItsFilesGoOnlyAfterItExits() throws Exception {
        FakeInstance f = fake("forward");
        Path haPid = f.dir.resolve("ha.pid");
        Path seenAtExit = home.resolve("files-at-exit");
        // The agent itself looks, as it exits, whether its files are still there.
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "forward",
                "test -e \"" + haPid + "\" && test -e \"" + f.dir.resolve("ha.sock") + "\" && echo present > \""
                        + seenAtExit + "\";"));
        // The clock stepped forward after the agent started: its PID file now looks an hour older than it.
        Instant start = ProcessHandle.of(agent.pid()).orElseThrow().info().startInstant().orElseThrow();
        setWritten(haPid, start.minus(Duration.ofHours(1)));
        f.builder().hostAgent(ProcessRef.recordedIn(agent.pid(), haPid, Files.getLastModifiedTime(haPid).toInstant()));

        StopReport report = stopper().stop(f.instance(), mode(StopMode.GRACEFUL_THEN_FORCED));

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(Files.exists(home.resolve("forward.interrupted")), "the agent got the interrupt");
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.IDENTIFY).get(0).status());
        assertTrue(report.steps(Steps.IDENTIFY).get(0).message().contains("refers to this instance"), report.describe());
        assertEquals("present", Files.readString(seenAtExit).strip(), "its files were there while it ran");
        assertFalse(f.exists("ha.pid") || f.exists("ha.sock"), "and removed after it exited");
    }

    @Test
    void anUnrelatedProcessThatLooksConsistentAfterABackwardStepIsNeverSignalled() throws Exception {
        FakeInstance f = fake("backward");
        ScriptProcess stranger = started(ScriptProcess.start(ScriptProcess.ignoring()));
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        // The agent wrote ha.pid, died, the clock was set back an hour, and the PID went to a
        // process that started "before" the file was written.
        Instant start = ProcessHandle.of(stranger.pid()).orElseThrow().info().startInstant().orElseThrow();
        Path haPid = f.dir.resolve("ha.pid");
        Files.writeString(haPid, stranger.pid() + "\n");
        setWritten(haPid, start.plus(Duration.ofHours(1)));
        f.builder().hostAgent(ProcessRef.recordedIn(stranger.pid(), haPid, Files.getLastModifiedTime(haPid).toInstant()));

        StopReport report = stopper().stop(f.instance(), mode(StopMode.GRACEFUL_THEN_FORCED));

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertFalse(anySignal(), "nothing is signalled");
        assertTrue(stranger.isRunning());
        StepResult identify = report.steps(Steps.IDENTIFY).get(0);
        assertEquals(StepStatus.FAILED, identify.status());
        assertTrue(identify.message().contains("names no instance") || identify.message().contains("name an instance"),
                identify.message());
        assertTrue(identify.message().contains("ps -o pid,lstart,args -p " + stranger.pid()), "says what to check: "
                + identify.message());
        assertTrue(f.exists("ha.pid") && f.exists("ha.sock"), "nothing is removed");
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "nothing is unlocked");
    }

    @Test
    void stoppingACopyOfARunningInstanceLeavesTheOriginalRunning() throws Exception {
        FakeInstance original = fake("twin");
        ScriptProcess driver = original.driver(ScriptProcess.ignoring());
        ScriptProcess agent = original.agent(ScriptProcess.ignoring());
        Path copies = Files.createDirectories(home.resolve("copies"));
        Path copy = Files.createDirectories(copies.resolve("twin"));
        try (Stream<Path> files = Files.list(original.dir)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Instance theCopy = LimaHome.of(copies, control).read("twin").instance();
        assertEquals(agent.pid(), theCopy.hostAgent().orElseThrow().pid(), "the copy names the original's agent");

        StopReport report = stopper().stop(theCopy, mode(StopMode.FORCED_ONLY));

        assertFalse(anySignal(), "the original's processes are never signalled");
        assertTrue(agent.isRunning() && driver.isRunning(), "the original keeps running");
        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertTrue(all(report, Steps.IDENTIFY).contains("another instance"), report.describe());
        assertFalse(Files.exists(copy.resolve("ha.pid")), "the copy's stale files go");
        assertTrue(original.exists("ha.pid") && original.exists("qemu.pid") && original.exists("ha.sock"),
                "the original's files stay");
    }

    // ---- PID files that cannot be read -----------------------------------------------

    @ParameterizedTest
    @EnumSource(value = StopMode.class, names = {"FORCED_ONLY", "GRACEFUL_THEN_FORCED"})
    void anEmptyHostAgentPidFileWithNothingRunningIsRemovedAndSaidSo(StopMode mode) throws Exception {
        FakeInstance f = fake("empty");
        Files.writeString(f.dir.resolve("ha.pid"), "");
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        Instance read = LimaHome.of(home, control).read("empty").instance();

        StopReport report = stopper().stop(read, mode(mode));

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertFalse(f.exists("ha.pid") || f.exists("ha.sock"), "the unreadable PID file and the stale files go");
        assertTrue(f.exists("lima.yaml") && f.exists("disk"));
        assertFalse(Files.exists(home.resolve("_disks/data/in_use_by"), LinkOption.NOFOLLOW_LINKS), "lock released");
        String identified = all(report, Steps.IDENTIFY);
        assertTrue(identified.contains("ha.pid is empty") && identified.contains("nothing of the instance runs")
                && identified.contains("stale"), identified);
    }

    @Test
    void anEmptyHostAgentPidFileWithALiveProcessOfTheInstanceFailsAndNamesIt() throws Exception {
        FakeInstance f = fake("alive");
        ScriptProcess agent = started(ScriptProcess.start(ScriptProcess.ignoring(), ScriptProcess.limaHostAgent(f.dir)));
        Files.writeString(f.dir.resolve("ha.pid"), ""); // a crash in the middle of the write
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        Instance read = LimaHome.of(home, control).read("alive").instance();

        StopReport report = stopper().stop(read, mode(StopMode.FORCED_ONLY));

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(agent.isRunning(), "an unrecorded process is never signalled");
        assertFalse(anySignal());
        StepResult identify = report.steps(Steps.IDENTIFY).stream().filter(s -> s.status() == StepStatus.FAILED)
                .findFirst().orElseThrow(() -> new AssertionError(report.describe()));
        assertTrue(identify.message().contains("PID " + agent.pid()), identify.message());
        assertEquals(agent.pid(), identify.pid().orElseThrow());
        assertTrue(f.exists("ha.pid") && f.exists("ha.sock"), "nothing removed");
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "nothing unlocked");
    }

    @Test
    void anEmptyHostAgentPidFileWhileSomethingListensOnHaSockFails() throws Exception {
        FakeInstance f = fake("listening");
        Files.delete(f.dir.resolve("ha.sock"));
        Files.writeString(f.dir.resolve("ha.pid"), "");
        Instance read = LimaHome.of(home, control).read("listening").instance();
        // A listener the scan cannot see (this JVM is never among the referrers): only the socket tells.
        try (ServerSocketChannel agent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            agent.bind(UnixDomainSocketAddress.of(f.dir.resolve("ha.sock")));

            StopReport report = stopper().stop(read, mode(StopMode.FORCED_ONLY));

            assertEquals(Outcome.FAILED, report.outcome(), report.describe());
            assertTrue(all(report, Steps.IDENTIFY).contains("ha.sock accepts connections"), report.describe());
            assertTrue(f.exists("ha.pid") && f.exists("ha.sock"), "nothing removed");
        }
    }

    @Test
    void anEmptyHostAgentPidFileBesideALiveRecordedDriverGoesOnceTheDriverIsStopped() throws Exception {
        FakeInstance f = fake("orphan");
        // The driver is a JVM, which never forks: a shell stand-in forks a child for each
        // sleep, and until that child execs it names the instance too. The scan for anything
        // of the instance that still runs then rightly finds it and refuses the cleanup.
        try (JavaStandIn driver = JavaStandIn.startIgnoringInterrupts(StandInQemu.class,
                home.resolve("orphan-qemu.err"), StandInQemu.arguments(f.dir, "ignore"))) {
            f.driverFromPidFile("qemu.pid");
            Files.writeString(f.dir.resolve("ha.pid"), ""); // the agent crashed while writing it

            StopReport report = stopper().stop(f.instance(), mode(StopMode.FORCED_ONLY));

            assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
            assertTrue(driver.awaitExit(5), "the recorded driver, which refers to the instance, is the stop's own");
            assertFalse(f.exists("ha.pid") || f.exists("qemu.pid"), report.describe());
        }
    }

    @Test
    void anUnreadablePidFileIsNeverRemovedByAGracefulOnlyStop() throws Exception {
        FakeInstance f = fake("patient");
        Files.writeString(f.dir.resolve("ha.pid"), "12ab");
        Instance read = LimaHome.of(home, control).read("patient").instance();

        StopReport report = stopper().stop(read, mode(StopMode.GRACEFUL_ONLY));

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(f.exists("ha.pid"));
        assertTrue(all(report, Steps.IDENTIFY).contains("graceful-only"), report.describe());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoAsPidFileNeverBlocksAndIsRemovedWhenNothingRuns() throws Exception {
        FakeInstance f = fake("fifo");
        Path fifo = f.dir.resolve("ha.pid");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(), "mkfifo");
        Instance read = LimaHome.of(home, control).read("fifo").instance();

        StopReport report = stopper().stop(read, mode(StopMode.GRACEFUL_THEN_FORCED));

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertFalse(f.exists("ha.pid"), "the FIFO is removed as an entry, never opened");
        assertTrue(all(report, Steps.IDENTIFY).contains("a FIFO"), report.describe());
    }

    @Test
    void aSymlinkedPidFileIsFollowedAndItsProcessMustStillBeTheInstances() throws Exception {
        FakeInstance f = fake("linked");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        Path real = f.dir.resolve("ha.pid");
        Path elsewhere = Files.move(real, home.resolve("elsewhere.pid"));
        Files.createSymbolicLink(real, elsewhere);
        Instance read = LimaHome.of(home, control).read("linked").instance();
        assertEquals(agent.pid(), read.hostAgent().orElseThrow().pid(), "the link is followed, as Lima does");

        StopReport report = stopper().stop(read, mode(StopMode.FORCED_ONLY));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertTrue(agent.awaitExit(5));
        assertFalse(Files.exists(real, LinkOption.NOFOLLOW_LINKS), "the link is removed");
        assertTrue(Files.exists(elsewhere), "its target is not");
    }

    // ---- disk locks ------------------------------------------------------------------

    @Test
    void aLockThatGoesDotDotThroughASymlinkedDirectoryIsNotOurs() throws Exception {
        FakeInstance f = fake("vm");
        f.disk("data");
        // home/jump -> home/far/sub, so home/jump/../vm is home/far/vm as the kernel resolves it.
        Path far = Files.createDirectories(home.resolve("far").resolve("sub"));
        Files.createDirectories(home.resolve("far").resolve("vm"));
        Path jump = Files.createSymbolicLink(home.resolve("jump"), far);
        Path lock = home.resolve("_disks/data/in_use_by");
        Files.createSymbolicLink(lock, Path.of(jump + "/../vm"));

        StopReport report = stopper().stop(f.instance(), mode(StopMode.FORCED_ONLY));

        assertTrue(Files.isSymbolicLink(lock), "another directory's lock stays: " + report.describe());
        assertTrue(all(report, Steps.UNLOCK_DISKS).contains("not by this instance"), report.describe());
    }

    @Test
    void aLockOfADiskTheConfigurationDoesNotNameIsReleasedToo() throws Exception {
        FakeInstance f = fake("vm");
        FakeInstance other = fake("neighbour");
        FakeInstance.lock(home, "from-config", f.dir); // set in _config, or lima.yaml no longer readable
        FakeInstance.lock(home, "theirs", other.dir);

        StopReport report = stopper().stop(f.instance(), mode(StopMode.FORCED_ONLY));

        assertFalse(Files.exists(home.resolve("_disks/from-config/in_use_by"), LinkOption.NOFOLLOW_LINKS),
                report.describe());
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/theirs/in_use_by")), "the neighbour's lock stays");
        assertTrue(all(report, Steps.UNLOCK_DISKS).contains("from-config"), report.describe());
    }

    @Test
    void withoutADriverPidTheAgentIsKilledAndConfirmedGoneBeforeAnyLockIsReleased() throws Exception {
        FakeInstance f = fake("agentonly");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        Path lock = home.resolve("_disks/data/in_use_by");
        Map<Long, Boolean> lockedAtKill = new ConcurrentHashMap<>();
        // Seen on the stop's own thread, just before the kill.
        InstanceStopper stopper = InstanceStoppers.builder().extensions(List.of()).listener(listener)
                .processControl(new ProbingProcessControl(control,
                        pid -> lockedAtKill.put(pid, Files.exists(lock, LinkOption.NOFOLLOW_LINKS))))
                .build();

        StopReport report = stopper.stop(f.instance(), mode(StopMode.FORCED_ONLY));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(Map.of(agent.pid(), true), lockedAtKill, "the disk was still locked when the agent was killed");
        assertFalse(Files.exists(lock, LinkOption.NOFOLLOW_LINKS), "and released after it was confirmed gone");
        List<String> order = report.steps().stream().map(StepResult::step).distinct().collect(Collectors.toList());
        assertTrue(order.indexOf(Steps.KILL_HOST_AGENT) < order.indexOf(Steps.UNLOCK_DISKS), order.toString());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.KILL_HOST_AGENT).get(0).status(), report.describe());
    }
}
