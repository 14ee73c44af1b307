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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void terminalProgressRewritesOneLinePerInstanceInPlace() {
        StringWriter sw = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(sw), List.of("alpine", "ubuntu"), 80);
        progress.start();
        progress.onEvent(new StopEvent("alpine", StopEvent.Type.STOP_STARTED, "stop", OptionalLong.empty(),
                Instant.parse("2030-01-01T00:00:00Z"), "stopping (GRACEFUL_THEN_FORCED, grace 30000 ms)"));
        progress.onEvent(new StopEvent("ubuntu", StopEvent.Type.SIGNAL_SENT, "interrupt-host-agent",
                OptionalLong.of(42), Instant.now(), "SIGINT sent"));
        progress.onEvent(new StopEvent("alpine", StopEvent.Type.STOP_FINISHED, "stop", OptionalLong.empty(),
                Instant.parse("2030-01-01T00:00:00.250Z"), "STOPPED_GRACEFULLY"));

        String out = sw.toString();
        assertEquals(3, out.split("\u001b\\[2A", -1).length - 1, "each redraw moves the cursor up two lines: " + out);
        String lastFrame = out.substring(out.lastIndexOf("\u001b[2A"));
        assertTrue(lastFrame.contains("alpine  done  STOPPED_GRACEFULLY in 250 ms"), lastFrame);
        assertTrue(lastFrame.contains("ubuntu  ...   interrupt-host-agent: PID 42: SIGINT sent"), lastFrame);
    }

    @Test
    void terminalProgressCutsLinesToTheWidth() {
        StringWriter sw = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(sw), List.of("a"), 40);
        progress.onEvent(event("a", StopEvent.Type.SIGNAL_SENT, "interrupt-host-agent", "x".repeat(200)));

        for (String line : sw.toString().split("\n")) {
            String visible = line.replaceAll("\u001b\\[\\d*[AK]", "").replace("\r", "");
            assertTrue(visible.length() < 40, visible);
        }
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
