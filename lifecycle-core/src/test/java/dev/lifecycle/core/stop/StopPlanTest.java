// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.PlannedProcess;
import dev.lifecycle.api.PlannedStep;
import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopPlan;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.api.Steps;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.ProcessControl;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code InstanceStopper.plan}, the dry run, with real processes and directories: it lists
 * each process with its identity verdict, each step on its path, each file and lock a stop
 * would remove — and signals, runs and deletes nothing. Then the real stop removes exactly
 * what the plan listed.
 */
public class StopPlanTest {

    @TempDir
    Path home;

    private final List<FakeInstance> fakes = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    /**
     * The provider under test.
     *
     * @return the provider
     */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    private InstanceStopper stopper() {
        return InstanceStoppers.builder().processControl(control()).extensions(List.of()).listener(listener).build();
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

    private static StopOptions grace(Duration grace) {
        return StopOptions.builder().gracePeriod(grace).killTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void planListsProcessesStepsFilesAndLocksAndTouchesNothing() throws Exception {
        FakeInstance f = fake("planned");
        ScriptProcess driver = f.driver(ScriptProcess.ignoring());
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "agent", ""));
        f.disk("data").disk("shared");
        FakeInstance.lock(home, "data", f.dir);
        FakeInstance.lock(home, "shared", home.resolve("someone-else"));
        List<String> before = listing(f.dir);

        StopPlan plan = stopper().plan(f.instance(), grace(Duration.ofSeconds(190)));

        assertEquals("planned", plan.instance());
        assertEquals(List.of(new PlannedProcess(driver.pid(), "driver", Optional.of(f.dir.resolve("qemu.pid")),
                        PlannedProcess.Verdict.RUNNING, plan.processes().get(0).detail()),
                new PlannedProcess(agent.pid(), "host agent", Optional.of(f.dir.resolve("ha.pid")),
                        PlannedProcess.Verdict.RUNNING, plan.processes().get(1).detail())), plan.processes());
        assertEquals(List.of(
                "ALWAYS interrupt-host-agent " + agent.pid(),
                "ALWAYS await-graceful-exit -",
                "IF_ALL_EXIT unlock-disks -",
                "IF_ALL_EXIT stop-socket-holders -",
                "IF_ALL_EXIT remove-stale-files -",
                "IF_GRACE_EXPIRES kill-driver " + driver.pid(),
                "IF_GRACE_EXPIRES stop-driver-servers -",
                "IF_GRACE_EXPIRES unlock-disks -",
                "IF_GRACE_EXPIRES kill-host-agent " + agent.pid(),
                "IF_GRACE_EXPIRES stop-socket-holders -",
                "IF_GRACE_EXPIRES remove-stale-files -"), outline(plan));
        assertTrue(plan.steps().get(1).action().contains("wait up to 190000 ms"), plan.describe());
        assertEquals(Stream.of("cidata.tmp", "ha.pid", "ha.sock", "qemu.pid", "qemu.sock").map(f.dir::resolve).toList(),
                plan.filesToRemove());
        assertEquals(List.of(home.resolve("_disks/data/in_use_by")), plan.locksToRelease());
        assertTrue(plan.kept().stream().anyMatch(k -> k.startsWith("disk shared: locked by") && k.contains("someone-else")),
                plan.kept().toString());

        // Nothing was signalled, run or removed.
        assertTrue(driver.isRunning() && agent.isRunning());
        assertFalse(Files.exists(home.resolve("agent.interrupted")), "the agent never got the interrupt");
        assertEquals(before, listing(f.dir));
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")));
        assertTrue(listener.events().stream().noneMatch(e -> e.type() == StopEvent.Type.SIGNAL_SENT
                || e.type() == StopEvent.Type.KILL_SENT), "a plan publishes no stop events");
    }

    @Test
    void theStopThenRemovesExactlyWhatThePlanListed() throws Exception {
        FakeInstance f = fake("followed");
        f.driver(ScriptProcess.ignoring());
        f.agent(ScriptProcess.ignoring());
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        Files.writeString(f.dir.resolve("lima.yaml.tmp"), "");
        StopOptions forced = StopOptions.builder().mode(StopMode.FORCED_ONLY).killTimeout(Duration.ofSeconds(5)).build();

        StopPlan plan = stopper().plan(f.instance(), forced);
        List<String> before = listing(f.dir);
        StopReport report = stopper().stop(f.instance(), forced);

        assertEquals(Outcome.STOPPED_FORCIBLY, report.outcome(), report.describe());
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(listing(f.dir));
        assertEquals(plan.filesToRemove().stream().map(p -> p.getFileName().toString()).toList(), removed,
                "removed what the plan listed, no more, no less");
        assertFalse(Files.exists(plan.locksToRelease().get(0), LinkOption.NOFOLLOW_LINKS));
        assertEquals(plan.steps().stream().map(PlannedStep::step).toList(),
                report.steps().stream().map(s -> s.step()).filter(s -> !s.equals(Steps.IDENTIFY)).distinct().toList(),
                "the stop took the planned steps, in the planned order");
        assertTrue(plan.steps().stream().allMatch(s -> s.when() == PlannedStep.When.ALWAYS), plan.describe());
    }

    @Test
    void verdictsSayWhichProcessesAreGoneOrNotTheInstances() throws Exception {
        FakeInstance f = fake("stale");
        ScriptProcess stranger = ScriptProcess.start(ScriptProcess.ignoring());
        f.processes.add(stranger);
        Path pidFile = f.dir.resolve("ha.pid");
        Files.writeString(pidFile, stranger.pid() + "\n");
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Files.setLastModifiedTime(pidFile, FileTime.from(anHourAgo));
        f.builder().hostAgent(ProcessRef.recordedIn(stranger.pid(), pidFile, anHourAgo));
        ScriptProcess gone = ScriptProcess.start(ScriptProcess.ignoring());
        f.builder().driver(f.writePid("qemu.pid", gone.pid()));
        gone.close();

        StopPlan plan = stopper().plan(f.instance(), grace(Duration.ofSeconds(1)));

        assertEquals(List.of(PlannedProcess.Verdict.NOT_RUNNING, PlannedProcess.Verdict.NOT_OURS),
                plan.processes().stream().map(PlannedProcess::verdict).toList(), plan.describe());
        assertEquals(List.of("ALWAYS unlock-disks -", "ALWAYS stop-socket-holders -", "ALWAYS remove-stale-files -"),
                outline(plan),
                "nothing runs: only the teardown");
        assertTrue(plan.filesToRemove().contains(pidFile), plan.describe());
        assertTrue(stranger.isRunning(), "the process that reused the PID is never signalled");
    }

    @Test
    void gracefulOnlyPlansNothingAfterTheGracePeriod() throws Exception {
        FakeInstance f = fake("patient");
        f.agent(ScriptProcess.ignoring());

        StopPlan plan = stopper().plan(f.instance(), StopOptions.builder().mode(StopMode.GRACEFUL_ONLY).build());

        List<PlannedStep> afterGrace = plan.steps().stream().filter(s -> s.when() == PlannedStep.When.IF_GRACE_EXPIRES)
                .toList();
        assertEquals(1, afterGrace.size(), plan.describe());
        assertTrue(afterGrace.get(0).action().startsWith("nothing more (graceful only)"), plan.describe());
        assertTrue(plan.describe().contains("dry run (GRACEFUL_ONLY"), plan.describe());
    }

    @Test
    void aPidFileThatCannotBeTrustedKeepsEveryFileAndLockInThePlan() throws Exception {
        FakeInstance f = fake("guarded");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        ScriptProcess unlisted = ScriptProcess.start(ScriptProcess.ignoring(), ScriptProcess.limaQemu(f.dir));
        f.processes.add(unlisted);
        f.writePid("qemu.pid", unlisted.pid()); // on disk, but not in the Instance the caller built
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);

        StopPlan plan = stopper().plan(f.instance(), StopOptions.defaults());

        assertEquals(List.of(), plan.filesToRemove(), plan.describe());
        assertEquals(List.of(), plan.locksToRelease(), plan.describe());
        assertTrue(plan.kept().stream().anyMatch(k -> k.startsWith("every disk lock and file, because qemu.pid names PID "
                + unlisted.pid())), plan.kept().toString());
        assertTrue(agent.isRunning() && unlisted.isRunning());
    }

    /** {@code <when> <step> <pid or ->} for each planned step. */
    private static List<String> outline(StopPlan plan) {
        return plan.steps().stream().map(s -> s.when() + " " + s.step() + " "
                + (s.pid().isPresent() ? String.valueOf(s.pid().getAsLong()) : "-")).collect(Collectors.toList());
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
