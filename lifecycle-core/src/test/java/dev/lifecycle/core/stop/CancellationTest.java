// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.ProcessControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling cancels: cancelling {@code stopAsync}'s future, or interrupting the thread in
 * {@code stop}, ends the stop where it is — with real processes that ignore the interrupt,
 * which an uncancelled stop would kill once the grace period is over. A cancelled stop says
 * so: outcome {@code CANCELLED}, a {@code CANCELLED} step, a {@code STOP_CANCELLED} event,
 * never "grace period expired".
 */
public class CancellationTest {

    /** Long enough that nothing in a test reaches it; short enough that a stop that ignores a cancel is caught. */
    private static final Duration GRACE = Duration.ofSeconds(4);

    @TempDir
    Path home;

    private final List<FakeInstance> fakes = new ArrayList<>();
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final RecordingListener listener = new RecordingListener(e -> {
        if (e.type() == StopEvent.Type.SIGNAL_SENT) {
            interrupted.countDown();
        }
    });

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

    private static StopOptions options() {
        return StopOptions.builder().gracePeriod(GRACE).killTimeout(Duration.ofSeconds(5)).build();
    }

    /** An instance whose agent and driver ignore the interrupt: only a kill ends them. */
    private FakeInstance stubborn(String name) throws Exception {
        FakeInstance f = new FakeInstance(home, name);
        fakes.add(f);
        f.driver(ScriptProcess.ignoring());
        f.agent(ScriptProcess.ignoring());
        return f;
    }

    @AfterEach
    void killLeftovers() {
        fakes.forEach(FakeInstance::close);
    }

    @Test
    void cancellingStopAsyncsFutureCancelsThatStop() throws Exception {
        FakeInstance f = stubborn("async");

        CompletableFuture<StopReport> future = stopper().stopAsync(f.instance(), options());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the agent got the interrupt");
        assertTrue(future.cancel(true));

        // Uncancelled, this report would come after the grace period, the processes killed.
        StopReport report = onlyReport();
        assertTrue(future.isCancelled());
        assertEquals(Outcome.CANCELLED, report.outcome(), report.describe());
        assertFalse(report.outcome().isStopped());
        StepResult await = report.steps(Steps.AWAIT_GRACEFUL_EXIT).get(0);
        assertEquals(StepStatus.CANCELLED, await.status(), report.describe());
        assertTrue(await.message().startsWith("stop cancelled while waiting; nothing more is forced"), await.message());
        assertTrue(await.message().contains(String.valueOf(f.processes.get(0).pid())), await.message());
        assertTrue(report.steps(Steps.KILL_DRIVER).isEmpty() && report.steps(Steps.KILL_HOST_AGENT).isEmpty(),
                report.describe());
        assertNothingForcedOrRemoved(f);
        List<StopEvent> events = listener.events();
        assertTrue(events.stream().noneMatch(e -> e.type() == StopEvent.Type.GRACE_PERIOD_EXPIRED), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.type() == StopEvent.Type.STOP_CANCELLED), events.toString());
        assertEquals("CANCELLED", events.get(events.size() - 1).message(), "STOP_FINISHED names the outcome");
    }

    @Test
    void cancellingStopAllCancelsEveryStopOfTheBatch() throws Exception {
        FakeInstance a = stubborn("a");
        FakeInstance b = stubborn("b");
        CountDownLatch both = new CountDownLatch(2);
        RecordingListener batch = new RecordingListener(e -> {
            if (e.type() == StopEvent.Type.SIGNAL_SENT) {
                both.countDown();
            }
        });
        InstanceStopper stopper = InstanceStoppers.builder().processControl(control()).extensions(List.of())
                .listener(batch).build();

        CompletableFuture<List<StopReport>> future = stopper.stopAll(List.of(a.instance(), b.instance()), options());
        assertTrue(both.await(10, TimeUnit.SECONDS));
        future.cancel(true);

        assertTrue(future.isCancelled());
        batch.awaitReports(2);
        for (StopReport r : batch.reports()) {
            assertEquals(Outcome.CANCELLED, r.outcome(), r.describe());
        }
        assertNothingForcedOrRemoved(a);
        assertNothingForcedOrRemoved(b);
    }

    @Test
    void stopOnAnInterruptedThreadSignalsNothingAndReturnsTheCancelledReport() throws Exception {
        FakeInstance f = new FakeInstance(home, "pending");
        fakes.add(f);
        ScriptProcess agent = f.agent(ScriptProcess.graceful(home, "agent", ""));

        Thread.currentThread().interrupt();
        StopReport report;
        try {
            report = stopper().stop(f.instance(), options());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt status is set again (and cleared here)");
        }

        assertEquals(Outcome.CANCELLED, report.outcome(), report.describe());
        assertTrue(report.steps(Steps.INTERRUPT_HOST_AGENT).isEmpty(), "nothing is signalled: " + report.describe());
        assertEquals(StepStatus.CANCELLED, report.steps("stop").get(0).status(), report.describe());
        assertFalse(Files.exists(home.resolve("agent.interrupted")), "the agent never got an interrupt");
        assertTrue(agent.isRunning());
        assertTrue(f.exists("ha.pid") && f.exists("ha.sock"), "nothing is removed");
    }

    @Test
    void interruptingTheThreadWaitingInStopCancelsTheStop() throws Exception {
        FakeInstance f = stubborn("waiting");
        AtomicReference<StopReport> report = new AtomicReference<>();
        AtomicBoolean interruptStatusAfter = new AtomicBoolean();
        InstanceStopper stopper = stopper();
        Thread caller = new Thread(() -> {
            report.set(stopper.stop(f.instance(), options()));
            interruptStatusAfter.set(Thread.currentThread().isInterrupted());
        }, "host-app-caller");

        caller.start();
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(caller.isAlive(), "stop returns at once when its thread is interrupted");
        assertTrue(interruptStatusAfter.get(), "stop leaves the interrupt status set");
        assertEquals(Outcome.CANCELLED, report.get().outcome(), report.get().describe());
        assertEquals(StepStatus.CANCELLED, report.get().steps(Steps.AWAIT_GRACEFUL_EXIT).get(0).status());
        assertNothingForcedOrRemoved(f);
    }

    private StopReport onlyReport() throws InterruptedException {
        listener.awaitReports(1);
        return listener.reports().get(0);
    }

    /** The report is in: the run is over, so nothing can be killed later. */
    private static void assertNothingForcedOrRemoved(FakeInstance f) {
        for (ScriptProcess p : f.processes) {
            assertTrue(p.isRunning(), "PID " + p.pid() + " was left running");
        }
        assertTrue(f.exists("ha.pid") && f.exists("qemu.pid") && f.exists("ha.sock"), "files are kept");
    }
}
