// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifecycle.api.StopPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code stop --dry-run --json}: exactly one JSON document on stdout,
 * {@code {"plans":[{"instance","mode","graceMillis","processes":[{"pid","role","pidFile","verdict","detail"}],
 * "steps":[{"step","when","pid","action"}],"filesToRemove":[...],"locksToRelease":[...],"kept":[...]}]}};
 * {@code pidFile} and a step's {@code pid} are {@code null} when there is none.
 */
public final class JsonPlans {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonPlans() {
    }

    /** The document. */
    record Document(List<Plan> plans) {
    }

    /** One instance's plan. */
    @JsonPropertyOrder({"instance", "mode", "graceMillis", "processes", "steps", "filesToRemove", "locksToRelease",
        "kept"})
    record Plan(String instance, String mode, long graceMillis, List<Process> processes, List<Step> steps,
                List<String> filesToRemove, List<String> locksToRelease, List<String> kept) {
    }

    /** One recorded process and its identity verdict. */
    @JsonPropertyOrder({"pid", "role", "pidFile", "verdict", "detail"})
    record Process(long pid, String role, String pidFile, String verdict, String detail) {
    }

    /** One planned step. */
    @JsonPropertyOrder({"step", "when", "pid", "action"})
    record Step(String step, String when, Long pid, String action) {
    }

    /**
     * Prints the document.
     *
     * @param out stdout
     * @param plans one per instance
     */
    public static void write(PrintWriter out, List<StopPlan> plans) {
        Document doc = new Document(plans.stream().map(JsonPlans::plan).toList());
        try {
            // As a string, because writing to the writer would let Jackson close stdout.
            out.println(MAPPER.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plans as JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static Plan plan(StopPlan p) {
        return new Plan(p.instance(), p.mode().name(), p.gracePeriod().toMillis(),
                p.processes().stream().map(pr -> new Process(pr.pid(), pr.role(),
                        pr.pidFile().map(Path::toString).orElse(null), pr.verdict().name(), pr.detail())).toList(),
                p.steps().stream().map(s -> new Step(s.step(), s.when().name(),
                        s.pid().isPresent() ? s.pid().getAsLong() : null, s.action())).toList(),
                p.filesToRemove().stream().map(Path::toString).toList(),
                p.locksToRelease().stream().map(Path::toString).toList(), p.kept());
    }
}
