// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViewsTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** A clock a test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void terminalProgressRewritesOneLinePerInstanceInPlace() {
        StringWriter sw = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(sw), List.of("alpine", "ubuntu"), 80,
                Duration.ofSeconds(30), true, new HandClock());
        progress.start();
        progress.onEvent(new StopEvent("alpine", StopEvent.Type.STOP_STARTED, "stop", OptionalLong.empty(),
                T0, "stopping (GRACEFUL_THEN_FORCED, grace 30000 ms)"));
        progress.onEvent(new StopEvent("ubuntu", StopEvent.Type.STEP_COMPLETED, "identify",
                OptionalLong.of(42), T0, "SUCCEEDED: host agent: running and identity proven"));
        progress.onEvent(new StopEvent("alpine", StopEvent.Type.STOP_FINISHED, "stop", OptionalLong.empty(),
                T0.plusMillis(250), "STOPPED_GRACEFULLY"));
        progress.close();

        String out = sw.toString();
        assertEquals(3, out.split("\u001b\\[2A", -1).length - 1, "each redraw moves the cursor up two lines: " + out);
        String lastFrame = out.substring(out.lastIndexOf("\u001b[2A"));
        assertTrue(lastFrame.contains("alpine  done  STOPPED_GRACEFULLY in 250 ms"), lastFrame);
        assertTrue(lastFrame.contains("ubuntu  ...   identify: PID 42: SUCCEEDED: host agent: running"), lastFrame);
    }

    @Test
    void terminalProgressCountsDownTheGracePeriodFromTheInterrupt() {
        StringWriter sw = new StringWriter();
        HandClock clock = new HandClock();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(sw), List.of("ubuntu"), 80,
                Duration.ofSeconds(190), true, clock);
        progress.onEvent(new StopEvent("ubuntu", StopEvent.Type.SIGNAL_SENT, "interrupt-host-agent",
                OptionalLong.of(42), T0, "SIGINT sent"));
        assertTrue(lastFrame(sw).contains("ubuntu  ...   waiting for shutdown, forced in 3:10"), lastFrame(sw));

        clock.now = T0.plusMillis(2_500);
        progress.tick();
        assertTrue(lastFrame(sw).contains("forced in 3:08"), lastFrame(sw));

        progress.onEvent(new StopEvent("ubuntu", StopEvent.Type.PROCESS_EXITED, "await-graceful-exit",
                OptionalLong.of(43), T0.plusSeconds(3), "exited"));
        clock.now = T0.plusSeconds(70);
        progress.tick();
        assertTrue(lastFrame(sw).contains("forced in 2:00"), "one process exited, the wait goes on: " + lastFrame(sw));

        progress.onEvent(new StopEvent("ubuntu", StopEvent.Type.GRACE_PERIOD_EXPIRED, "await-graceful-exit",
                OptionalLong.empty(), T0.plusSeconds(190), "grace period of 190000 ms expired"));
        assertTrue(lastFrame(sw).contains("...   await-graceful-exit: grace period of 190000 ms expired"), lastFrame(sw));
        int frames = sw.toString().split("\r", -1).length;
        progress.tick();
        assertEquals(frames, sw.toString().split("\r", -1).length, "nothing counts down any more: no redraw");
    }

    @Test
    void gracefulOnlyCountsDownToGivingUp() {
        StringWriter sw = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(sw), List.of("a"), 80,
                Duration.ofHours(2), false, new HandClock());
        progress.onEvent(new StopEvent("a", StopEvent.Type.SIGNAL_SENT, "interrupt-host-agent",
                OptionalLong.of(42), T0, "SIGINT sent"));

        assertTrue(lastFrame(sw).contains("a  ...   waiting for shutdown, giving up in 2:00:00"), lastFrame(sw));
    }

    @Test
    void clockTimeRoundsUpAndNeverGoesBelowZero() {
        assertEquals("3:10", TerminalProgress.clockTime(Duration.ofSeconds(190)));
        assertEquals("0:01", TerminalProgress.clockTime(Duration.ofMillis(1)));
        assertEquals("0:00", TerminalProgress.clockTime(Duration.ZERO));
        assertEquals("0:00", TerminalProgress.clockTime(Duration.ofSeconds(-5)));
        assertEquals("1:00:00", TerminalProgress.clockTime(Duration.ofHours(1)));
    }

    @Test
    void terminalProgressCutsLinesToTheWidth() {
        StringWriter sw = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(sw), List.of("a"), 40, Duration.ofSeconds(1),
                true, new HandClock());
        progress.onEvent(event("a", StopEvent.Type.STEP_FAILED, "kill-driver", "x".repeat(200)));

        for (String line : sw.toString().split("\n")) {
            String visible = line.replaceAll("\u001b\\[\\d*[AK]", "").replace("\r", "");
            assertTrue(visible.length() < 40, visible);
        }
    }

    private static String lastFrame(StringWriter sw) {
        String out = sw.toString();
        return out.substring(out.lastIndexOf('\r'));
    }

    @Test
    void eventLinesAreInstanceStepPidMessageFromTheFields() {
        StringWriter sw = new StringWriter();
        EventLines lines = new EventLines(new PrintWriter(sw), List.of("alpine", "ubuntu"));
        lines.onEvent(new StopEvent("alpine", StopEvent.Type.PROCESS_EXITED, "await-graceful-exit", OptionalLong.of(7),
                Instant.now(), "exited"));
        lines.onEvent(event("ubuntu", StopEvent.Type.STOP_FINISHED, "stop", "FAILED"));

        assertEquals(List.of("alpine  await-graceful-exit   PID 7: exited", "ubuntu  stop                  FAILED"),
                sw.toString().lines().collect(Collectors.toList()));
    }

    @Test
    void summaryNotesShowThePidFromTheField() {
        StringWriter sw = new StringWriter();
        SummaryTable.print(new PrintWriter(sw), List.of(new StopReport("alpine", Outcome.FAILED, Duration.ZERO, List.of(
                StepResult.of("kill-driver", StepStatus.TIMED_OUT, Duration.ZERO, 9, "driver still running"),
                StepResult.of("remove-stale-files", StepStatus.REFUSED, Duration.ZERO, "files kept")))));

        assertTrue(sw.toString().contains("! kill-driver TIMED_OUT PID 9: driver still running"), sw.toString());
        assertTrue(sw.toString().contains("! remove-stale-files REFUSED: files kept"), sw.toString());
    }

    @Test
    void summaryPathSkipsSkippedStepsAndCountsRepeats() {
        List<StepResult> steps = List.of(
                StepResult.of("identify", StepStatus.SUCCEEDED, Duration.ZERO, 1, "a"),
                StepResult.of("identify", StepStatus.SUCCEEDED, Duration.ZERO, 2, "b"),
                StepResult.of("interrupt-host-agent", StepStatus.SUCCEEDED, Duration.ZERO, 2, "c"),
                StepResult.of("await-graceful-exit", StepStatus.TIMED_OUT, Duration.ZERO, "d"),
                StepResult.of("stop-driver-servers", StepStatus.SKIPPED, Duration.ZERO, "e"),
                StepResult.of("kill-host-agent", StepStatus.SUCCEEDED, Duration.ZERO, 2, "f"));

        assertEquals("identify x2 > interrupt-host-agent > await-graceful-exit TIMED_OUT > kill-host-agent",
                SummaryTable.path(steps));
    }

    private static StopEvent event(String instance, StopEvent.Type type, String step, String message) {
        return new StopEvent(instance, type, step, OptionalLong.empty(), Instant.now(), message);
    }
}
