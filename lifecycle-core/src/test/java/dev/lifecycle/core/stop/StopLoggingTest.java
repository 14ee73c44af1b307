// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.Steps;
import dev.lifecycle.core.testing.RecordingLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet by default: a stop logs its steps at DEBUG and only its outcome at INFO, so a host
 * app that logs at INFO sees one line per stop (today's listener example would otherwise
 * print every step twice). Runs {@link StopLoggingProbe} in a JVM of its own whose SLF4J
 * provider records every call at every level; that JVM's first stop also discovers the
 * providers, which must be as quiet.
 */
public class StopLoggingTest {

    @TempDir
    Path dir;

    /**
     * The provider the child JVM is forced to use; the Unix module runs this again with its own.
     *
     * @return a provider id for {@code -Dlifecycle.processControl}
     */
    protected String processControlId() {
        return "jdk";
    }

    /** One line of the probe's output: {@code LOG <level> <logger> <message>}. */
    private record Line(String level, String logger, String message) {
        static Line parse(String line) {
            String[] parts = line.split(" ", 4);
            return new Line(parts[1], parts[2], parts.length > 3 ? parts[3] : "");
        }

        boolean infoOrAbove() {
            return !level.equals("DEBUG") && !level.equals("TRACE");
        }
    }

    @Test
    void gracefulStopLogsOnlyItsOutcomeAtInfo() throws Exception {
        assertOneInfoLine("graceful", Outcome.STOPPED_GRACEFULLY, Steps.INTERRUPT_HOST_AGENT);
    }

    @Test
    void forcedStopLogsOnlyItsOutcomeAtInfo() throws Exception {
        assertOneInfoLine("forced", Outcome.STOPPED_FORCIBLY, Steps.KILL_HOST_AGENT);
    }

    private void assertOneInfoLine(String mode, Outcome expected, String aStep) throws Exception {
        List<String> out = probe(mode);
        List<Line> logs = out.stream().filter(l -> l.startsWith("LOG ")).map(Line::parse).toList();
        assertTrue(out.contains("OUTCOME " + expected), String.join("\n", out));

        List<Line> loud = logs.stream().filter(Line::infoOrAbove).toList();
        assertEquals(1, loud.size(), "log calls at INFO or above:\n" + String.join("\n", out));
        Line outcome = loud.get(0);
        assertEquals("INFO", outcome.level());
        assertEquals("dev.lifecycle.core.internal.stop.StopRecorder", outcome.logger(), "the stopper logs the outcome");
        assertTrue(outcome.message().contains("stop finished: " + expected), outcome.message());

        assertTrue(logs.stream().anyMatch(l -> l.level().equals("DEBUG") && l.message().contains(aStep + " ")),
                "the steps are logged, at DEBUG:\n" + String.join("\n", out));
    }

    private List<String> probe(String mode) throws Exception {
        Path output = dir.resolve("probe-" + mode + ".txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dslf4j.provider=" + RecordingLogs.class.getName(),
                "-Dlifecycle.processControl=" + processControlId(),
                "-cp", System.getProperty("java.class.path"), StopLoggingProbe.class.getName(),
                mode, dir.resolve("home-" + mode).toString())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the probe JVM did not end within 60 s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }
}
