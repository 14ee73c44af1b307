// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifecycle.api.StopReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code stop --json}: exactly one JSON document on stdout,
 * {@code {"reports":[{"instance","limaVersion","outcome","elapsedMillis","steps":[{"step","status","millis","pid","message"}]}]}}.
 * Field names are stable for scripts; {@code limaVersion} (the Lima that created the instance)
 * is {@code null} when unknown, {@code pid} is {@code null} for a step that concerns no single
 * process. After Ctrl+C the document also has {@code "interrupted":true} and, if some
 * instance had not reported yet, {@code "unfinished":[names]}.
 */
public final class JsonReports {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReports() {
    }

    /**
     * The document.
     *
     * @param reports one per instance
     * @param interrupted present (true) only when Ctrl+C ended the stop: the reports say what was done so far
     * @param unfinished present only after Ctrl+C: instances whose stop had not reported yet
     */
    @JsonPropertyOrder({"reports", "interrupted", "unfinished"})
    public record Document(List<Report> reports,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean interrupted,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unfinished) {
    }

    /** One instance; {@code limaVersion} is null when the instance has no {@code lima-version} file. */
    @JsonPropertyOrder({"instance", "limaVersion", "outcome", "elapsedMillis", "steps"})
    public record Report(String instance, String limaVersion, String outcome, long elapsedMillis, List<Step> steps) {
    }

    /** One step; {@code pid} is null when the step concerns no single process. */
    @JsonPropertyOrder({"step", "status", "millis", "pid", "message"})
    public record Step(String step, String status, long millis, Long pid, String message) {
    }

    /**
     * Prints the document.
     *
     * @param out stdout
     * @param reports the reports
     */
    public static void write(PrintWriter out, List<StopReport> reports) {
        write(out, reports, false, List.of());
    }

    /**
     * Prints the document of a stop that Ctrl+C may have cut short.
     *
     * @param out stdout
     * @param reports the reports that arrived
     * @param interrupted whether Ctrl+C ended the stop
     * @param unfinished instances without a report
     */
    public static void write(PrintWriter out, List<StopReport> reports, boolean interrupted, List<String> unfinished) {
        Document doc = new Document(reports.stream().map(JsonReports::report).collect(Collectors.toList()),
                interrupted, List.copyOf(unfinished));
        try {
            // As a string, because writing to the writer would let Jackson close stdout.
            out.println(MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stop reports as JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static Report report(StopReport r) {
        return new Report(r.instance(), r.limaVersion().orElse(null), r.outcome().name(), r.elapsed().toMillis(),
                r.steps().stream()
                .map(s -> new Step(s.step(), s.status().name(), s.duration().toMillis(),
                        s.pid().isPresent() ? s.pid().getAsLong() : null, s.message()))
                .collect(Collectors.toList()));
    }
}
