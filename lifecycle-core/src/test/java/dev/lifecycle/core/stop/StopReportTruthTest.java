// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
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
import dev.lifecycle.core.testing.ImmutableDirectory;
import dev.lifecycle.spi.ProcessControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report never claims more than the stop did: a lock or file that could not be removed
 * is a FAILED stop that says what is left and how to remove it; disks that could not be
 * read are "unknown", not "none"; processes that exited while the stop waited are not said
 * to have shut down cleanly unless the host agent logged its clean exit.
 */
public class StopReportTruthTest {

    @TempDir
    Path home;

    private FakeInstance fake;
    private ImmutableDirectory immutable;
    private final ProcessControl control = control();

    /**
     * The provider under test; the Unix module runs this suite again with its own.
     *
     * @return the provider
     */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    @AfterEach
    void undo() throws Exception {
        if (immutable != null) {
            immutable.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private InstanceStopper stopper() {
        return InstanceStoppers.builder().processControl(control).extensions(List.of()).build();
    }

    private FakeInstance fake(String name) throws Exception {
        fake = new FakeInstance(home, name);
        return fake;
    }

    private void makeImmutable(Path dir) throws Exception {
        Optional<ImmutableDirectory> guard = ImmutableDirectory.make(dir);
        assumeTrue(guard.isPresent(), ImmutableDirectory.unsupportedReason());
        immutable = guard.get();
    }

    @Test
    void aLockThatCannotBeRemovedFailsTheStopAndSaysHowToRelease() throws Exception {
        FakeInstance f = fake("locked");
        f.agent(ScriptProcess.ignoring());
        f.disk("data");
        FakeInstance.lock(home, "data", f.dir);
        makeImmutable(home.resolve("_disks/data"));

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().mode(StopMode.FORCED_ONLY).build());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        StepResult unlock = report.steps(Steps.UNLOCK_DISKS).get(0);
        assertEquals(StepStatus.FAILED, unlock.status(), report.describe());
        assertTrue(unlock.message().contains("stays locked") && unlock.message().contains("limactl disk unlock data"),
                unlock.message());
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "the lock is really still there");
        // The rest of the stop still ran: the processes are gone and the stale files removed.
        assertEquals(StepStatus.SUCCEEDED, report.steps(Steps.KILL_HOST_AGENT).get(0).status(), report.describe());
        assertFalse(f.exists("ha.pid"));
    }

    @Test
    void aFileThatCannotBeRemovedFailsTheStopAndNamesIt() throws Exception {
        FakeInstance f = fake("stuck");
        f.deadAgent();
        makeImmutable(f.dir);

        StopReport report = stopper().stop(f.instance(), StopOptions.defaults());

        assertEquals(Outcome.FAILED, report.outcome(), report.describe());
        StepResult cleanup = report.steps(Steps.REMOVE_STALE_FILES).get(0);
        assertEquals(StepStatus.FAILED, cleanup.status());
        assertTrue(cleanup.message().contains("remove them by hand: rm ") && cleanup.message().contains(
                f.dir.resolve("ha.pid").toString()), cleanup.message());
        assertTrue(f.exists("ha.pid"));
    }

    @Test
    void disksOfAnUnreadableConfigurationAreUnknownNotNone() throws Exception {
        FakeInstance f = fake("broken");
        f.deadAgent();
        Files.writeString(f.dir.resolve("lima.yaml"), "vmType: [qemu\nadditionalDisks: {");
        Instance read = LimaHome.of(home, control).read("broken").instance();
        assertTrue(read.configProblem().isPresent(), "the reader says the configuration could not be read");

        StopReport report = stopper().stop(read, StopOptions.defaults());

        StepResult unlock = report.steps(Steps.UNLOCK_DISKS).get(0);
        assertTrue(unlock.message().contains("are unknown"), unlock.message());
        assertFalse(report.describe().contains("no additional disks"), report.describe());
    }

    @Test
    void aCleanExitTheAgentLoggedIsSaidToBeOne() throws Exception {
        FakeInstance f = fake("clean");
        // What Lima's host agent writes last on its own shutdown path.
        Path event = Files.writeString(home.resolve("exiting-event"),
                "{\"time\":\"2030-01-01T00:00:00Z\",\"status\":{\"exiting\":true}}\n");
        f.agent(ScriptProcess.graceful(home, "clean-agent",
                "cat \"" + event + "\" >> \"" + f.dir.resolve("ha.stdout.log") + "\";"));

        StopReport report = stopper().stop(f.instance(), StopOptions.builder().gracePeriod(Duration.ofSeconds(30)).build());

        assertEquals(Outcome.STOPPED_GRACEFULLY, report.outcome(), report.describe());
        String await = report.steps(Steps.AWAIT_GRACEFUL_EXIT).get(0).message();
        assertTrue(await.contains("logged its clean exit"), await);
    }

    @Test
    void processesEndedBySomethingElseAreNotSaidToHaveShutDownCleanly() throws Exception {
        FakeInstance f = fake("raced");
        ScriptProcess agent = f.agent(ScriptProcess.ignoring());
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control).extensions(List.of())
                .listener(e -> {
                    if (e.type() == StopEvent.Type.SIGNAL_SENT) {
                        // Another stop (limactl stop -f, say) kills the agent while this one waits.
                        ProcessHandle.of(agent.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }).build();

        StopReport report = stopper.stop(f.instance(), StopOptions.builder().gracePeriod(Duration.ofSeconds(30)).build());

        String await = report.steps(Steps.AWAIT_GRACEFUL_EXIT).get(0).message();
        assertTrue(await.contains("exited while the stop waited") && await.contains("not known"), await);
        assertFalse(await.contains("after the interrupt"), await);
        assertTrue(report.steps(Steps.KILL_HOST_AGENT).isEmpty(), "this stop killed nothing");
    }
}
