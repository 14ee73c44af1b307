// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The hand-off's rules, with a delivery executor the test runs by hand: the stop side only
 * queues; a full queue drops and counts; the end of each stop always arrives.
 */
class ListenerHandOffTest {

    /** Runs nothing until told to: the listener is "behind" until {@link #runAll()}. */
    private static final class HeldExecutor implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    private final List<String> seen = new ArrayList<>();
    private final StopListener recording = new StopListener() {
        @Override
        public void onEvent(StopEvent event) {
            seen.add(event.instance() + " " + event.type() + " " + event.message());
        }

        @Override
        public void onFinished(StopReport report) {
            seen.add(report.instance() + " report " + report.outcome());
        }
    };

    private static StopEvent event(String instance, StopEvent.Type type, String message) {
        return new StopEvent(instance, type, "step", OptionalLong.empty(), Instant.now(), message);
    }

    @Test
    void queuesWithoutCallingTheListenerAndDeliversInOrderLater() {
        HeldExecutor delivery = new HeldExecutor();
        ListenerHandOff handOff = new ListenerHandOff(recording, 10, delivery);

        handOff.onEvent(event("a", StopEvent.Type.STOP_STARTED, "1"));
        handOff.onEvent(event("a", StopEvent.Type.STEP_COMPLETED, "2"));
        assertEquals(List.of(), seen, "nothing is called on the stop's thread");

        delivery.runAll();

        assertEquals(List.of("a STOP_STARTED 1", "a STEP_COMPLETED 2"), seen);
    }

    @Test
    void aFullQueueDropsAndCountsPerInstanceAndTheEndAlwaysArrives() {
        HeldExecutor delivery = new HeldExecutor();
        ListenerHandOff handOff = new ListenerHandOff(recording, 2, delivery);

        handOff.onEvent(event("a", StopEvent.Type.STOP_STARTED, "a1"));
        handOff.onEvent(event("b", StopEvent.Type.STOP_STARTED, "b1"));
        for (int i = 2; i <= 4; i++) {
            handOff.onEvent(event("a", StopEvent.Type.FILE_REMOVED, "a" + i));
        }
        handOff.onEvent(event("b", StopEvent.Type.FILE_REMOVED, "b2"));
        handOff.onEvent(event("a", StopEvent.Type.STOP_FINISHED, "a: FAILED"));
        handOff.onFinished(new StopReport("a", Outcome.FAILED, Duration.ZERO, List.of()));
        handOff.onEvent(event("b", StopEvent.Type.STOP_FINISHED, "b: ALREADY_STOPPED"));
        handOff.onFinished(new StopReport("b", Outcome.ALREADY_STOPPED, Duration.ZERO, List.of()));

        delivery.runAll();

        assertEquals(List.of("a STOP_STARTED a1", "b STOP_STARTED b1",
                "a EVENTS_DROPPED 3 live events were not delivered because the listener fell behind; the report has"
                        + " every step",
                "a STOP_FINISHED a: FAILED", "a report FAILED",
                "b EVENTS_DROPPED 1 live event was not delivered because the listener fell behind; the report has"
                        + " every step",
                "b STOP_FINISHED b: ALREADY_STOPPED", "b report ALREADY_STOPPED"), seen);
    }

    @Test
    void roomFreedByDeliveryIsUsedAgain() {
        HeldExecutor delivery = new HeldExecutor();
        ListenerHandOff handOff = new ListenerHandOff(recording, 1, delivery);

        handOff.onEvent(event("a", StopEvent.Type.STOP_STARTED, "1"));
        delivery.runAll();
        handOff.onEvent(event("a", StopEvent.Type.STEP_COMPLETED, "2"));
        delivery.runAll();

        assertEquals(List.of("a STOP_STARTED 1", "a STEP_COMPLETED 2"), seen, "caught up: nothing dropped");
    }

    @Test
    void aThrowingListenerDoesNotStopTheDeliveryOfWhatFollows() {
        HeldExecutor delivery = new HeldExecutor();
        ListenerHandOff handOff = new ListenerHandOff(e -> {
            seen.add(e.message());
            throw new IllegalStateException("listener bug");
        }, 10, delivery);

        handOff.onEvent(event("a", StopEvent.Type.STOP_STARTED, "1"));
        handOff.onEvent(event("a", StopEvent.Type.STOP_FINISHED, "2"));
        delivery.runAll();

        assertEquals(List.of("1", "2"), seen);
    }

    @Test
    void capacityGrowsWithTheBatchAndHasAFloor() {
        assertEquals(ListenerHandOff.MIN_CAPACITY, ListenerHandOff.capacityFor(1));
        assertEquals(1000 * ListenerHandOff.EVENTS_PER_INSTANCE, ListenerHandOff.capacityFor(1000));
        assertTrue(ListenerHandOff.capacityFor(Integer.MAX_VALUE) > 0, "no overflow");
    }
}
