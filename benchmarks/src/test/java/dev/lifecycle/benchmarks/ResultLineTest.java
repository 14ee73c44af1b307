// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void valuesWithSpacesAndSignsSurviveTheRoundTrip() {
        String text = new ResultLine().put("mechanism", "polling (10 ms, growing to 100 ms)")
                .put("outcomes", "STOPPED_FORCIBLY=200").put("peakThreads", 6).format();
        ResultLine back = ResultLine.parse(text).orElseThrow();
        assertEquals("polling (10 ms, growing to 100 ms)", back.get("mechanism"));
        assertEquals("STOPPED_FORCIBLY=200", back.get("outcomes"));
        assertEquals(6, back.getLong("peakThreads"));
    }

    @Test
    void otherLinesAreNotResults() {
        assertTrue(ResultLine.parse("provider linux, exit watching by pidfd+epoll").isEmpty());
    }

    @Test
    void repeatedThreadNamesAreCounted() {
        assertEquals("a-1, b×2", ScenarioMain.collapse(java.util.List.of("b", "a-1", "b")));
    }
}
