package dev.lifecycle.examples.cli.view;

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
 * {@code {"reports":[{"instance","outcome","elapsedMillis","steps":[{"step","status","millis","pid","message"}]}]}}.
 * Field names are stable for scripts; {@code pid} is {@code null} for a step that concerns no
 * single process.
 */
public final class JsonReports {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReports() {
    }

    /** The document. @param reports one per instance */
    public record Document(List<Report> reports) {
    }

    /** One instance. */
    @JsonPropertyOrder({"instance", "outcome", "elapsedMillis", "steps"})
    public record Report(String instance, String outcome, long elapsedMillis, List<Step> steps) {
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
        Document doc = new Document(reports.stream().map(JsonReports::report).collect(Collectors.toList()));
        try {
            // As a string, because writing to the writer would let Jackson close stdout.
            out.println(MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stop reports as JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static Report report(StopReport r) {
        return new Report(r.instance(), r.outcome().name(), r.elapsed().toMillis(), r.steps().stream()
                .map(s -> new Step(s.step(), s.status().name(), s.duration().toMillis(),
                        s.pid().isPresent() ? s.pid().getAsLong() : null, s.message()))
                .collect(Collectors.toList()));
    }
}
