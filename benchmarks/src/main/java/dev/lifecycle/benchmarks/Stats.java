// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Order statistics of a sample of durations in nanoseconds. The median of an even count is
 * the mean of the two middle values; p95 is the nearest-rank value (the
 * ⌈0.95·n⌉-th smallest), so with 30 samples it is the 29th.
 */
final class Stats {

    private final List<Long> sorted;

    Stats(List<Long> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> copy = new ArrayList<>(samples);
        Collections.sort(copy);
        this.sorted = List.copyOf(copy);
    }

    int count() {
        return sorted.size();
    }

    long median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    long min() {
        return sorted.get(0);
    }

    long max() {
        return sorted.get(sorted.size() - 1);
    }

    /** Milliseconds with one decimal, e.g. {@code 0.4}. */
    static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
