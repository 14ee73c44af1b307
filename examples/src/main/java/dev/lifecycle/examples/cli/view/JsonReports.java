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
 * {@code {"reports":[{"instance","outcome","elapsedMillis","steps":[{"step","status","millis","message"}]}]}}.
 * Field names are stable for scripts.
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

    /** One step. */
    @JsonPropertyOrder({"step", "status", "millis", "message"})
    public record Step(String step, String status, long millis, String message) {
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
                .map(s -> new Step(s.step(), s.status().name(), s.duration().toMillis(), s.message()))
                .collect(Collectors.toList()));
    }
}
