// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.ProcessRole;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.lima.SleepingProcesses;
import dev.lifecycle.core.testing.ProbingProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.InterruptRequest;
import dev.lifecycle.spi.ProcessControl;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core stopper end to end with real processes, real signals and real directories,
 * through the pure-JDK provider (its interrupt is SIGTERM, which Lima's agent treats like
 * SIGINT; the scripts trap both). The Linux provider runs the same paths in its module.
 */
public class InstanceStopperTest {

    @TempDir
    Path home;

    private final List<FakeInstance> fakes = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private final ProcessControl control = control();

    /**
     * The provider under test; the Unix module runs this whole suite again with its own.
     *
     * @return the provider
     */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    private InstanceStopper stopper() {
        return stopper(control);
    }

    private InstanceStopper stopper(ProcessControl provider) {
        return InstanceStoppers.builder().processControl(provider).extensions(List.of()).listener(listener).build();
    }

    private FakeInstance fake(String name) throws Exception {
        FakeInstance f = new FakeInstance(home, name);
        fakes.add(f);
        return f;
    }

    @AfterEach
    void killLeftovers() {
        fakes.forEach(FakeInstance::close);
    }

    private static StopOptions grace(long millis) {
        return StopOptions.builder().gracePeriod(Duration.ofMillis(millis)).killTimeout(Duration.ofSeconds(5)).build();
    }

    private static List<String> stepNames(StopReport r) {
        return r.steps().stream().map(StepResult::step).distinct().collect(Collectors.toList());
    }

    @Test
    void gracefulStopRemovesOnlyStaleFilesAndKeepsEverythingElse() throws Exception {
        FakeInstance f = fake("graceful");
        ScriptProcess driver = f.driver(ScriptProcess.graceful(home, "driver", ""));
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "agent", "kill -TERM " + driver.pid() + ";"));
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);

        StopReport report = stopper().stop(f.instance(), grace(10_000));

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(Files.exists(home.resolve("agent.interrupted")), "the agent got the interrupt");
        assertTrue(agent.awaitExit(5) && driver.awaitExit(5));
        for (String gone : List.of("ha.pid", "qemu.pid", "ha.sock", "qemu.sock", "cidata.tmp")) {
            assertFalse(f.exists(gone), gone + " should be removed");
        }
        for (String kept : List.of("lima.yaml", "disk", "ha.stdout.log")) {
            assertTrue(f.exists(kept), kept + " must never be touched");
        }
        assertFalse(Files.exists(home.resolve("_disks/data/in_use_by"), LinkOption.NOFOLLOW_LINKS), "own lock released");
        assertTrue(Files.exists(home.resolve("_disks/data/datadisk")), "disk data untouched");
        assertTrue(report.steps(Steps.KILL_DRIVER).isEmpty(), "no forced step after a graceful stop");
        List<StopEvent> events = listener.awaitReports(1);
        assertTrue(events.stream().anyMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT && e.pid().getAsLong() == agent.pid()));
        assertTrue(events.stream().anyMatch(e -> e.type() == StopEvent.Type.PROCESS_EXITED));
    }

    @Test
    void processesThatExitBeforeTheGracefulWaitBeginsEachGetOneExitEvent() throws Exception {
        FakeInstance f = fake("quick-exit");
        ScriptProcess driver = f.driver(ScriptProcess.graceful(home, "quick-driver", ""));
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "quick-agent", "kill -TERM " + driver.pid() + ";"));
        // The interrupt returns only once both have exited, so the wait begins with nothing
        // left alive: the window a loaded machine opens by chance, opened every time.
        InstanceStopper stopper = stopper(ProbingProcessControl.afterInterrupt(control, pid -> awaitExits(agent, driver)));

        StopReport report = stopper.stop(f.instance(), grace(10_000));

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertEquals(Map.of(agent.pid(), Steps.AWAIT_GRACEFUL_EXIT, driver.pid(), Steps.AWAIT_GRACEFUL_EXIT),
                exitEvents(listener.awaitReports(1)));
    }

    @Test
    void aProcessThatExitedInTheGracePeriodIsNotReportedExitedAgainByTheForcedSequence() throws Exception {
        FakeInstance f = fake("half-way");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "half-way", ""));
        InstanceStopper stopper = stopper(ProbingProcessControl.afterInterrupt(control, pid -> awaitExits(agent)));

        StopReport report = stopper.stop(f.instance(), grace(200));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals("host agent had already exited", report.steps(Steps.KILL_HOST_AGENT).get(0).message());
        assertEquals(Map.of(agent.pid(), Steps.AWAIT_GRACEFUL_EXIT, driver.pid(), Steps.KILL_DRIVER),
                exitEvents(listener.awaitReports(1)));
    }

    /** The step of each PROCESS_EXITED event by PID; fails on a second event for one PID. */
    private static Map<Long, String> exitEvents(List<StopEvent> events) {
        return events.stream().filter(e -> e.type() == StopEvent.Type.PROCESS_EXITED)
                .collect(Collectors.toMap(e -> e.pid().getAsLong(), StopEvent::step, (a, b) -> {
                    throw new AssertionError("two PROCESS_EXITED events for one PID: " + events);
                }));
    }

    private static void awaitExits(ScriptProcess... processes) {
        try {
            for (ScriptProcess p : processes) {
                assertTrue(p.awaitExit(10), "PID " + p.pid() + " did not exit on the interrupt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void expiredGracePeriodFallsThroughToTheFullForcedSequence() throws Exception {
        FakeInstance f = fake("stubborn");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(f.instance(), grace(300));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(StepStatus.TIMED_OUT, report.steps(Steps.AWAIT_GRACEFUL_EXIT).get(0).status());
        assertEquals(List.of(Steps.IDENTIFY, Steps.INTERRUPT_HOST_AGENT, Steps.AWAIT_GRACEFUL_EXIT, Steps.KILL_DRIVER,
                Steps.STOP_DRIVER_SERVERS, Steps.UNLOCK_DISKS, Steps.KILL_HOST_AGENT, Steps.STOP_SOCKET_HOLDERS,
                Steps.REMOVE_STALE_FILES),
                stepNames(report));
        assertTrue(agent.awaitExit(5) && driver.awaitExit(5));
        assertFalse(f.exists("ha.pid"));
        assertTrue(listener.awaitReports(1).stream().anyMatch(e -> e.type() == StopEvent.Type.GRACE_PERIOD_EXPIRED));
    }

    @Test
    void messagesSayWhatHappenedWhileInstanceStepAndPidLiveInTheirFields() throws Exception {
        FakeInstance f = fake("fields");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(f.instance(), grace(200));

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        StepResult killDriver = report.steps(Steps.KILL_DRIVER).get(0);
        assertEquals(driver.pid(), killDriver.pid().getAsLong());
        assertEquals("driver killed and confirmed gone", killDriver.message());
        assertEquals("host agent killed and confirmed gone", report.steps(Steps.KILL_HOST_AGENT).get(0).message());
        assertTrue(report.describe().contains("kill-driver SUCCEEDED (") && report.describe().contains(
                " ms) PID " + driver.pid() + ": driver killed and confirmed gone"), report.describe());
        assertTrue(report.describe().startsWith("fields: STOPPED_FORCIBLY in "), report.describe());
        for (StepResult s : report.steps()) {
            assertFalse(s.message().contains("instance fields"), "instance repeated in " + s);
            assertFalse(s.message().startsWith(s.step()), "step repeated in " + s);
        }
        List<StopEvent> ours = listener.awaitReports(1).stream().filter(e -> e.instance().equals("fields")).collect(Collectors.toList());
        assertFalse(ours.isEmpty());
        for (StopEvent e : ours) {
            assertFalse(e.message().contains("instance fields") || e.message().startsWith("fields"),
                    "instance repeated in " + e);
        }
        assertTrue(ours.stream().anyMatch(e -> e.type() == StopEvent.Type.KILL_SENT && e.pid().getAsLong() == agent.pid()
                && e.message().startsWith("host agent: ")), ours.toString());
        assertEquals("STOPPED_FORCIBLY", ours.get(ours.size() - 1).message());
    }

    @Test
    void forcedOrderKillsDriverAndServersBeforeUnlockingAndTheAgentLast() throws Exception {
        FakeInstance f = fake("order");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess server = f.driverServer("vz.drv.pid", ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        Path lock = home.resolve("_disks/data/in_use_by");
        Map<Long, String> seenAtKill = new ConcurrentHashMap<>();
        // Seen on the stop's own thread, just before each kill: the unlock must come after
        // the VM is dead and before the agent is killed.
        InstanceStopper stopper = InstanceStoppers.builder().extensions(List.of()).listener(listener)
                .processControl(new ProbingProcessControl(control, pid -> seenAtKill.put(pid,
                        "locked=" + Files.exists(lock, LinkOption.NOFOLLOW_LINKS) + " driver=" + driver.isRunning()
                                + " server=" + server.isRunning())))
                .build();

        StopReport report = stopper.stop(f.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY).build());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(Map.of(driver.pid(), "locked=true driver=true server=true",
                server.pid(), "locked=true driver=false server=true",
                agent.pid(), "locked=false driver=false server=false"), seenAtKill);
        assertTrue(report.steps(Steps.INTERRUPT_HOST_AGENT).isEmpty(), "forced only sends no interrupt");
        List<Long> killOrder = listener.awaitReports(1).stream().filter(e -> e.type() == StopEvent.Type.KILL_SENT)
                .map(e -> e.pid().getAsLong()).collect(Collectors.toList());
        assertEquals(List.of(driver.pid(), server.pid(), agent.pid()), killOrder);
        assertFalse(f.exists("vz.drv.pid"));
    }

    @Test
    void theLongestKillTimeoutRunsTheWholeForcedSequence() throws Exception {
        FakeInstance f = fake("long-kill");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());

        // The longest accepted wait: every deadline computed from it must stay in range.
        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY)
                .killTimeout(StopOptions.MAX_DURATION).commandTimeout(StopOptions.MAX_DURATION).build());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.KILL_DRIVER).get(0).status(), report.describe());
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.KILL_HOST_AGENT).get(0).status(), report.describe());
        assertTrue(agent.awaitExit(5) && driver.awaitExit(5));
        assertFalse(f.exists("ha.pid"));
    }

    @Test
    void theLongestGracePeriodStillEndsWhenTheAgentExits() throws Exception {
        FakeInstance f = fake("long-grace");
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "long-grace", ""));

        // A deadline that overflowed would lie in the past and force at once.
        StopReport report = stopper().stop(f.instance(), StopOptions.builder().gracePeriod(StopOptions.MAX_DURATION).build());

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(report.steps(Steps.KILL_DRIVER).isEmpty(), report.describe());
        assertTrue(agent.awaitExit(5));
    }

    @Test
    void alreadyStoppedInstanceWithStaleFilesIsCleanedWithoutASignal() throws Exception {
        FakeInstance f = fake("stale");
        ScriptProcess dead = ScriptProcess.start("echo ready; exit 0");
        assertTrue(dead.awaitExit(5));
        f.builder().hostAgent(f.writePid("ha.pid", dead.pid()));
        f.builder().driver(f.writePid("qemu.pid", dead.pid()));

        StopReport report = stopper().stop(f.instance());

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        assertFalse(f.exists("ha.pid") || f.exists("ha.sock") || f.exists("cidata.tmp"));
        assertTrue(f.exists("lima.yaml") && f.exists("disk"));
        assertTrue(listener.awaitReports(1).stream().noneMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT || e.type() == StopEvent.Type.KILL_SENT));
    }

    @Test
    void diskLockedByAnotherInstanceStaysLocked() throws Exception {
        FakeInstance mine = fake("mine");
        FakeInstance other = fake("other");
        mine.agent(ScriptProcess.ignoring());
        mine.disk("shared").disk("own");
        FakeInstance.lock(home, "shared", other.dir);
        FakeInstance.lock(home, "own", mine.dir);

        StopReport report = stopper().stop(mine.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY).build());

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        Path sharedLock = home.resolve("_disks/shared/in_use_by");
        assertTrue(Files.isSymbolicLink(sharedLock), "another instance's lock must stay");
        assertEquals(other.dir, Files.readSymbolicLink(sharedLock));
        assertFalse(Files.exists(home.resolve("_disks/own/in_use_by"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(report.steps(Steps.UNLOCK_DISKS).stream().anyMatch(s -> s.message().contains("not by this instance")));
        assertTrue(Files.exists(other.dir), "the lock target was not followed");
    }

    @Test
    void pidFileNamingAProcessStartedAfterItWasWrittenIsLeftAlone() throws Exception {
        FakeInstance f = fake("reused");
        ScriptProcess stranger = ScriptProcess.start(ScriptProcess.ignoring());
        f.processes.add(stranger);
        Path pidFile = f.dir.resolve("ha.pid");
        Files.writeString(pidFile, stranger.pid() + "\n");
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Files.setLastModifiedTime(pidFile, FileTime.from(anHourAgo));
        f.builder().hostAgent(ProcessRef.recordedIn(stranger.pid(), pidFile, anHourAgo));

        StopReport report = stopper().stop(f.instance(), grace(200));

        assertTrue(stranger.isAlive(), "a process that reused the PID is never signalled");
        assertEquals(StepStatus.REFUSED, report.steps(Steps.IDENTIFY).get(0).status());
        assertTrue(report.steps(Steps.IDENTIFY).get(0).message().contains("reused"), report.describe());
        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), "the instance's own process is gone");
        assertTrue(listener.awaitReports(1).stream().noneMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT || e.type() == StopEvent.Type.KILL_SENT));
    }

    @Test
    void aPidFileNamingPidOneKeepsEverythingAndUnreadableOnesAreReported() throws Exception {
        FakeInstance f = fake("garbage");
        ScriptProcess bystander = ScriptProcess.start(ScriptProcess.ignoring());
        f.processes.add(bystander);
        Files.writeString(f.dir.resolve("ha.pid"), bystander.pid() + "x\n");
        Files.writeString(f.dir.resolve("qemu.pid"), "");
        Files.writeString(f.dir.resolve("vz.drv.pid"), "1");

        StopReport report = stopper().stop(f.instance(), grace(200));

        assertTrue(bystander.isAlive());
        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(f.exists("ha.pid") && f.exists("qemu.pid") && f.exists("vz.drv.pid") && f.exists("ha.sock"),
                "files are kept when a PID file names PID 1");
        StepResult cleanup = report.steps(Steps.REMOVE_STALE_FILES).get(0);
        assertEquals(StepStatus.REFUSED, cleanup.status());
        assertTrue(cleanup.message().contains("vz.drv.pid") && cleanup.message().contains("PID 1"), cleanup.message());
        String identified = report.steps(Steps.IDENTIFY).stream().map(StepResult::message)
                .collect(Collectors.joining("\n"));
        assertTrue(identified.contains("ha.pid holds") && identified.contains("not a PID"), identified);
        assertTrue(identified.contains("qemu.pid is empty"), identified);
        assertTrue(listener.awaitReports(1).stream().noneMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT || e.type() == StopEvent.Type.KILL_SENT));
    }

    @Test
    void aPidFileNamingALiveProcessTheStopWasNotGivenKeepsFilesAndLocks() throws Exception {
        FakeInstance f = fake("unlisted");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        ScriptProcess unlisted = ScriptProcess.start(ScriptProcess.ignoring(), ScriptProcess.limaQemu(f.dir));
        f.processes.add(unlisted);
        f.writePid("qemu.pid", unlisted.pid()); // on disk, but not in the Instance the caller built
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(agent.awaitExit(5), "the agent the stop was given is killed");
        assertTrue(unlisted.isAlive(), "a process the stop was not given is never signalled");
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "the VM may run: disk stays locked");
        assertTrue(f.exists("qemu.pid") && f.exists("ha.pid") && f.exists("ha.sock"), "files are kept");
        assertEquals(StepStatus.REFUSED, report.steps(Steps.UNLOCK_DISKS).get(0).status());
        StepResult cleanup = report.steps(Steps.REMOVE_STALE_FILES).get(0);
        assertEquals(StepStatus.REFUSED, cleanup.status());
        assertTrue(cleanup.message().contains("qemu.pid names PID " + unlisted.pid()), cleanup.message());
    }

    @Test
    void pidOneIsNeverSignalled() throws Exception {
        FakeInstance f = fake("init");
        f.builder().hostAgent(f.writePid("ha.pid", 1));

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY).build());

        assertEquals(StepStatus.REFUSED, report.steps(Steps.IDENTIFY).get(0).status());
        assertTrue(report.steps(Steps.IDENTIFY).get(0).message().contains("never signalled"));
        assertTrue(listener.awaitReports(1).stream().noneMatch(e -> e.type() == StopEvent.Type.KILL_SENT));
        assertEquals(Outcome.FAILED, report.outcome(), "a PID file naming PID 1 is not trusted: files kept");
        assertTrue(f.exists("ha.pid"));
    }

    @Test
    void currentProcessIsNeverSignalled() throws Exception {
        FakeInstance f = fake("self");
        f.builder().hostAgent(ProcessRef.started(ProcessHandle.current().pid(),
                ProcessHandle.current().info().startInstant().orElseThrow()));

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY).build());

        assertEquals(StepStatus.REFUSED, report.steps(Steps.IDENTIFY).get(0).status());
        assertTrue(listener.awaitReports(1).stream().noneMatch(e -> e.type() == StopEvent.Type.KILL_SENT));
    }

    @Test
    void pathsWithGlobMetacharactersAndNonAsciiWork() throws Exception {
        Path weird = Files.createDirectories(home.resolve("li ma [home] *?é"));
        FakeInstance f = new FakeInstance(weird, "vm-1.x");
        fakes.add(f);
        Files.writeString(f.dir.resolve("we*ird [1].sock"), "");
        Files.writeString(f.dir.resolve("keep?.log"), "");
        Files.createDirectories(f.dir.resolve("sub.tmp")); // a directory is never removed
        Files.writeString(f.dir.resolve("sub.tmp").resolve("inner.pid"), "");
        Path outside = Files.writeString(home.resolve("outside.txt"), "precious");
        Files.createSymbolicLink(f.dir.resolve("link.sock"), outside);
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "weird-agent", ""));

        StopReport report = stopper().stop(f.instance(), grace(10_000));

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(agent.awaitExit(5));
        assertFalse(f.exists("we*ird [1].sock") || f.exists("ha.pid") || f.exists("link.sock"));
        assertTrue(f.exists("keep?.log") && f.exists("sub.tmp/inner.pid") && f.exists("lima.yaml"));
        assertEquals("precious", Files.readString(outside), "a symlink is removed as a link, its target kept");
    }

    @Test
    void gracefulOnlyLeavesAStubbornInstanceRunningAndSaysSo() throws Exception {
        FakeInstance f = fake("patient");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());

        StopReport report = stopper().stop(f.instance(),
                StopOptions.builder().mode(StopMode.GRACEFUL_ONLY).gracePeriod(Duration.ofMillis(200)).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        assertTrue(agent.isAlive());
        assertTrue(f.exists("ha.pid") && f.exists("ha.sock"));
        assertTrue(report.steps(Steps.KILL_HOST_AGENT).isEmpty());
    }

    @Test
    void stopAllStopsEveryInstanceWithOneReportEach() throws Exception {
        List<Instance> instances = new ArrayList<>();
        List<ScriptProcess> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeInstance f = fake("many-" + i);
            all.add(f.agent(i % 2 == 0 ? ScriptProcess.graceful(home, "many-" + i, "") : ScriptProcess.ignoring()));
            instances.add(f.instance());
        }
        List<StopReport> reports = stopper().stopAll(instances, grace(500)).join();

        assertEquals(List.of("many-0", "many-1", "many-2", "many-3"),
                reports.stream().map(StopReport::instance).collect(Collectors.toList()));
        assertEquals(List.of(Outcome.STOPPED_GRACEFULLY, Outcome.STOPPED_FORCIBLY, Outcome.STOPPED_GRACEFULLY,
                Outcome.STOPPED_FORCIBLY), reports.stream().map(StopReport::outcome).collect(Collectors.toList()));
        for (ScriptProcess p : all) {
            assertTrue(p.awaitExit(5));
        }
    }

    @Test
    void cancellingStopAllLeavesRunningInstancesAloneAndReportsIt() throws Exception {
        FakeInstance f = fake("cancelled");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        List<StopEvent> finished = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of()).listener(e -> {
            if (e.type() == StopEvent.Type.SIGNAL_SENT) {
                interrupted.countDown();
            }
            if (e.type() == StopEvent.Type.STOP_FINISHED) {
                finished.add(e);
                done.countDown();
            }
        }).build();

        var future = stopper.stopAll(List.of(f.instance()), grace(60_000));
        assertTrue(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS));
        future.cancel(true);
        assertTrue(done.await(10, java.util.concurrent.TimeUnit.SECONDS), "the run ends promptly after cancel");

        assertTrue(future.isCancelled());
        assertTrue(agent.isAlive(), "nothing is forced after a cancel");
        assertEquals("CANCELLED", finished.get(0).message());
        assertTrue(f.exists("ha.pid"));
    }

    @Test
    void aDirectoryThatIsNoLimaInstanceIsNeverCleaned() throws Exception {
        // A host app that builds the Instance itself, pointing at a directory without lima.yaml.
        Path dir = Files.createDirectories(home.resolve("projects"));
        Files.writeString(dir.resolve("build.tmp"), "work in progress");
        Path stalePid = dir.resolve("server.pid");
        try (SleepingProcesses sleepers = new SleepingProcesses();
             ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(dir.resolve("app.sock")));
            Files.writeString(stalePid, sleepers.deadPid() + "\n");
            Instance notAnInstance = Instance.builder("projects", home).directory(dir).build();

            StopReport report = stopper().stop(notAnInstance, grace(1000));

            assertEquals(Outcome.FAILED, report.outcome(), report.describe());
            StepResult clean = report.steps(Steps.REMOVE_STALE_FILES).get(0);
            assertEquals(StepStatus.REFUSED, clean.status(), report.describe());
            assertTrue(clean.message().contains("has no lima.yaml, so it is not a Lima instance directory"),
                    clean.message());
            assertEquals(StepStatus.REFUSED, report.steps(Steps.UNLOCK_DISKS).get(0).status(), report.describe());
            for (String kept : List.of("build.tmp", "app.sock", "server.pid")) {
                assertTrue(Files.exists(dir.resolve(kept), LinkOption.NOFOLLOW_LINKS), kept + " must stay");
            }
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("app.sock")))) {
                assertTrue(client.isConnected(), "the socket still listens");
            }
        }
    }

    @Test
    void aBlockedListenerNeverHoldsUpTheStop() throws Exception {
        FakeInstance f = fake("paused-reader");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        CountDownLatch resume = new CountDownLatch(1);
        // A listener stuck on the very first event, as a progress display writing to a paused terminal is.
        RecordingListener blocked = new RecordingListener(e -> awaitQuietly(resume));
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of())
                .listener(blocked).build();

        StopReport report;
        try {
            report = stopper.stop(f.instance(), grace(300));

            assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
            assertTrue(agent.awaitExit(5) && driver.awaitExit(5), "forced while the listener was still stuck");
            assertEquals(1, blocked.events().size(), "the listener is still on its first event");
        } finally {
            resume.countDown();
        }
        List<StopEvent> events = blocked.awaitReports(1);
        assertEquals(StopEvent.Type.STOP_STARTED, events.get(0).type());
        assertEquals(StopEvent.Type.STOP_FINISHED, events.get(events.size() - 1).type());
        assertTrue(events.stream().noneMatch(e -> e.type() == StopEvent.Type.EVENTS_DROPPED), "a short stop loses nothing");
        assertEquals(List.of(report), blocked.reports());
    }

    @Test
    void aListenerThatFallsBehindLosesLiveEventsButIsToldHowMany() throws Exception {
        FakeInstance f = fake("flood");
        int files = 3000;
        for (int i = 0; i < files; i++) {
            Files.writeString(f.dir.resolve("stale-" + i + ".tmp"), "");
        }
        long stale;
        try (var entries = Files.list(f.dir)) {
            stale = entries.map(e -> e.getFileName().toString())
                    .filter(n -> n.endsWith(".tmp") || n.endsWith(".sock") || n.endsWith(".pid")).count();
        }
        CountDownLatch resume = new CountDownLatch(1);
        RecordingListener behind = new RecordingListener(e -> awaitQuietly(resume));
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of())
                .listener(behind).build();

        StopReport report;
        try {
            report = stopper.stop(f.instance(), grace(1000));
        } finally {
            resume.countDown();
        }

        assertEquals(Outcome.ALREADY_STOPPED, report.outcome(), report.describe());
        List<StopEvent> events = behind.awaitReports(1);
        StopEvent last = events.get(events.size() - 1);
        StopEvent notice = events.get(events.size() - 2);
        assertEquals(StopEvent.Type.STOP_FINISHED, last.type());
        assertEquals(StopEvent.Type.EVENTS_DROPPED, notice.type(), "told just before the end: " + notice);
        long dropped = Long.parseLong(notice.message().substring(0, notice.message().indexOf(' ')));
        assertTrue(dropped > 0, notice.message());
        // Nothing vanished uncounted: STOP_STARTED, one event per removed file and one per step.
        assertFalse(f.exists("stale-0.tmp") || f.exists("stale-" + (files - 1) + ".tmp"), "the stale files went");
        long expected = 1 + stale + report.steps().size();
        assertEquals(expected, events.size() - 2 + dropped, "delivered + dropped = every live event");
        assertEquals(List.of(report), behind.reports(), "the report always arrives");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aThrowingListenerNeverChangesTheStop() throws Exception {
        FakeInstance f = fake("noisy");
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "noisy", ""));
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of())
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                }).build();

        StopReport report = stopper.stop(f.instance(), grace(10_000));

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        assertTrue(agent.awaitExit(5));
    }

    @Test
    void theGracePeriodStartsOnceEveryInterruptIsSentAndInterruptsNameInstanceAndRole() throws Exception {
        FakeInstance quick = fake("quick");
        ScriptProcess stubborn = quick.agent(ScriptProcess.ignoring());
        FakeInstance slow = fake("slow");
        ScriptProcess graceful = slow.agent(ScriptProcess.graceful(home, "slow", ""));
        CountDownLatch quickKilled = new CountDownLatch(1);
        AtomicBoolean killedWhileSlowWasInterrupting = new AtomicBoolean();
        List<InterruptRequest> requests = new CopyOnWriteArrayList<>();
        ProcessControl watching = new ProbingProcessControl(control, (pid, request) -> {
            requests.add(request);
            if (request.instance().equals("slow")) {
                // Stands for a slow channel (a Windows helper JVM starting). With a grace period of
                // zero, quick must still not be forced before this interrupt is out.
                try {
                    killedWhileSlowWasInterrupting.set(quickKilled.await(1, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, pid -> {
            if (pid == stubborn.pid()) {
                quickKilled.countDown();
            }
        });
        InstanceStopper stopper = InstanceStoppers.builder().processControl(watching).extensions(List.of()).build();

        List<StopReport> reports = stopper.stopAll(List.of(quick.instance(), slow.instance()), grace(0)).join();

        assertFalse(killedWhileSlowWasInterrupting.get(), "quick was forced while slow's interrupt was still going out");
        assertEquals(Outcome.STOPPED_FORCIBLY, reports.get(0).outcome(), reports.get(0).describe());
        assertTrue(stubborn.awaitExit(5));
        assertTrue(graceful.awaitExit(5));
        assertEquals(Set.of("quick", "slow"), requests.stream().map(InterruptRequest::instance).collect(Collectors.toSet()));
        requests.forEach(r -> assertEquals(ProcessRole.HOST_AGENT, r.role(), r.toString()));
        requests.forEach(r -> assertEquals(grace(0).commandTimeout(), r.timeout(), r.toString()));
    }
}
