// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(25, new Stats(List.of(40L, 10L, 20L, 30L)).median());
        assertEquals(20, new Stats(List.of(30L, 10L, 20L)).median());
    }

    @Test
    void p95OfThirtyIsTheTwentyNinthSmallest() {
        List<Long> samples = new ArrayList<>();
        for (long i = 1; i <= 30; i++) {
            samples.add(i * 10);
        }
        Collections.shuffle(samples, new java.util.Random(1));
        Stats s = new Stats(samples);
        assertEquals(290, s.percentile(95));
        assertEquals(10, s.min());
        assertEquals(300, s.max());
        assertEquals(300, s.percentile(100));
    }

    @Test
    void refusesAnEmptySample() {
        assertThrows(IllegalArgumentException.class, () -> new Stats(List.of()));
    }

    @Test
    void formatsMillisecondsWithOneDecimal() {
        assertEquals("1.5", Stats.ms(1_500_000));
        assertEquals("0.0", Stats.ms(12_000));
    }
}
