// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static ResultLine list(int n, String median, String floor) {
        return new ResultLine().put("scenario", "list").put("instances", n).put("reads", 7).put("coldMs", "1.0")
                .put("medianMs", median).put("minMs", median).put("floorMedianMs", floor).put("floorMinMs", floor)
                .put("ratio", "2.00").put("usPerInstance", "10").put("statuses", "{RUNNING=" + n + "}");
    }

    @Test
    void theCostPerAddedInstanceIsTheSlopeBetweenTheSmallestAndTheLargestN() {
        String slope = Report.slope(List.of(list(200, "60.0", "20.0"), list(50, "15.0", "5.0"), list(1000, "300.0", "100.0")),
                "medianMs", "floorMedianMs").orElseThrow();
        assertEquals("300 µs (floor 100 µs), from N = 50 to N = 1000", slope);
        assertTrue(Report.slope(List.of(list(50, "1", "1")), "medianMs", "floorMedianMs").isEmpty());
    }

    @Test
    void aListRowMissesItsTargetWhenSlowOrNotAllRunning() {
        Report report = new Report();
        report.add(list(200, "59.0", "20.0"));
        report.add(list(1000, "301.0", "100.0"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("MET: LimaHome.list() of 200 in ≤ 60 ms"), out);
        assertTrue(out.contains("MISSED: LimaHome.list() of 1000 in ≤ 300 ms"), out);
    }
}
