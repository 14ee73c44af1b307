// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.InstanceStopper;
import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.InstanceStoppers;
import dev.lifecycle.core.internal.jdk.JdkProcessControl;
import dev.lifecycle.core.testing.ProbingProcessControl;
import dev.lifecycle.core.testing.RecordingListener;
import dev.lifecycle.spi.ProcessControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forced phase holds no thread while it waits: every instance's sequence is a chain of
 * steps moved on by exit events. Exits are held back here until the test lets them through,
 * so a sequence that waited on a worker for each kill (the library has at most four) could
 * not kill more drivers than it has workers.
 */
public class ForcedChainTest {

    /** More instances than the library has workers. */
    private static final int INSTANCES = 10;

    @TempDir
    Path home;

    private final List<FakeInstance> fakes = new ArrayList<>();

    /** @return the provider that does the work; the Unix module runs this class again with its own */
    protected ProcessControl control() {
        return new JdkProcessControl();
    }

    @AfterEach
    void killLeftovers() {
        fakes.forEach(FakeInstance::close);
    }

    @Test
    void everyDriverIsKilledBeforeAnyExitIsSeenAndEachAgentOnlyAfterItsOwnDriversExit() throws Exception {
        List<Instance> instances = new ArrayList<>();
        Set<Long> drivers = ConcurrentHashMap.newKeySet();
        Set<Long> agents = ConcurrentHashMap.newKeySet();
        List<ScriptProcess> all = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            FakeInstance f = new FakeInstance(home, "chain-" + i);
            fakes.add(f);
            ScriptProcess driver = f.driver(ScriptProcess.ignoring());
            ScriptProcess agent = f.agent(ScriptProcess.ignoring());
            drivers.add(driver.pid());
            agents.add(agent.pid());
            all.add(driver);
            all.add(agent);
            instances.add(f.instance());
        }
        CompletableFuture<Void> exitsSeen = new CompletableFuture<>();
        Set<Long> killed = ConcurrentHashMap.newKeySet();
        CountDownLatch everyDriver = new CountDownLatch(INSTANCES);
        ProcessControl held = ProbingProcessControl.heldExits(control(), pid -> {
            killed.add(pid);
            if (drivers.contains(pid)) {
                everyDriver.countDown();
            }
        }, exitsSeen);
        RecordingListener listener = new RecordingListener();
        InstanceStopper stopper = InstanceStoppers.builder().processControl(held).extensions(List.of())
                .listener(listener).build();
        StopOptions forced = StopOptions.builder().mode(StopMode.FORCED_ONLY).killTimeout(Duration.ofSeconds(60)).build();

        CompletableFuture<List<StopReport>> stop = stopper.stopAll(instances, forced);

        assertTrue(everyDriver.await(30, TimeUnit.SECONDS), "drivers killed while no exit was seen: "
                + killed.stream().filter(drivers::contains).count() + " of " + INSTANCES);
        assertTrue(killed.stream().noneMatch(agents::contains), "an agent was killed before its driver's exit was seen");
        exitsSeen.complete(null);
        List<StopReport> reports = stop.get(60, TimeUnit.SECONDS);

        assertEquals(INSTANCES, reports.stream().filter(r -> r.outcome() == Outcome.STOPPED_FORCIBLY).count(),
                reports.stream().map(StopReport::describe).collect(Collectors.joining("\n")));
        List<StopEvent> events = listener.awaitReports(INSTANCES);
        for (Instance i : instances) {
            long driver = i.driver().orElseThrow().pid();
            long agent = i.hostAgent().orElseThrow().pid();
            List<String> order = events.stream().filter(e -> e.instance().equals(i.name()))
                    .filter(e -> e.type() == StopEvent.Type.KILL_SENT || e.type() == StopEvent.Type.PROCESS_EXITED)
                    .map(e -> e.type() + " " + (e.pid().getAsLong() == driver ? "driver" : e.pid().getAsLong() == agent
                            ? "agent" : "PID " + e.pid().getAsLong()))
                    .collect(Collectors.toList());
            assertEquals(List.of("KILL_SENT driver", "PROCESS_EXITED driver", "KILL_SENT agent",
                    "PROCESS_EXITED agent"), order, i.name());
        }
        for (ScriptProcess p : all) {
            assertTrue(p.awaitExit(10), "PID " + p.pid() + " still runs");
        }
    }
}
