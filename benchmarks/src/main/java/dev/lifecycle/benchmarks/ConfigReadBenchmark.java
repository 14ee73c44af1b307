// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaInstance;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading one {@code lima.yaml} through {@link LimaHome#read}: the first read in a fresh JVM
 * (class loading and a cold JIT included) and the median of the reads after it, with the
 * JVM's peak heap. Each shape is a file built to cost the reader most at the size limit.
 * Before each later read a comment line is appended, untimed: the reader parses a file once
 * per content, and it is the parsing that is measured here.
 */
final class ConfigReadBenchmark {

    /** Below the reader's 1 MiB limit, with room for the setting after the bulk. */
    private static final int NEAR_LIMIT = 1024 * 1024 - 200;

    /** The shapes, by name. */
    static final List<String> SHAPES = List.of("template", "flow-list-4mb", "flow-list", "nested-maps", "quoted",
            "comment", "block");

    private ConfigReadBenchmark() {
    }

    /** What one shape cost. */
    record Result(String shape, long bytes, long firstNanos, List<Long> laterNanos, long peakHeapBytes, String read) {
    }

    static Result run(String shape, int reads) throws IOException {
        Path home = Files.createTempDirectory("lifecycle-bench-config-");
        try {
            Path dir = Files.createDirectories(home.resolve("vm"));
            Path file = dir.resolve("lima.yaml");
            write(shape, file);
            LimaHome lima = LimaHome.of(home);
            long start = System.nanoTime();
            LimaInstance first = lima.read("vm");
            long firstNanos = System.nanoTime() - start;
            List<Long> later = new ArrayList<>();
            for (int i = 0; i < reads; i++) {
                Files.writeString(file, "#" + i + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                start = System.nanoTime();
                lima.read("vm");
                later.add(System.nanoTime() - start);
            }
            String read = first.problems().isEmpty() ? "vmType " + first.instance().vmType()
                    : first.problems().get(0).replace(file.toString(), "lima.yaml");
            return new Result(shape, Files.size(file), firstNanos, later, peakHeap(), read);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void write(String shape, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (shape) {
                case "template" -> template(w);
                // The file of issue 16: two million scalars, refused by its size.
                case "flow-list-4mb" -> repeat(w, "additionalDisks: [", "a,", 2_000_000, "a]\nvmType: vz\n");
                case "flow-list" -> repeat(w, "x: [", "a,", NEAR_LIMIT / 2, "a]\nvmType: vz\n");
                case "nested-maps" -> repeat(w, "x:\n", "  k: {a: 1}\n", NEAR_LIMIT / 13, "vmType: vz\n");
                case "quoted" -> repeat(w, "x: \"", "a", NEAR_LIMIT, "\"\nvmType: vz\n");
                case "comment" -> repeat(w, "#", "a", NEAR_LIMIT, "\nvmType: vz\n");
                case "block" -> repeat(w, "x: |\n", "  " + "a".repeat(77) + "\n", NEAR_LIMIT / 80, "vmType: vz\n");
                default -> throw new IllegalArgumentException("unknown shape '" + shape + "'; one of " + SHAPES);
            }
        }
    }

    /** Like Lima's full template: about 35 KiB, mostly comments, and small settings. */
    private static void template(Writer w) throws IOException {
        for (int i = 0; i < 140; i++) {
            w.write("# ===================================================================== #\n");
            w.write("# A comment line as the template has hundreds of, explaining a setting. #\n");
            w.write(String.format(Locale.ROOT, "setting%02d:%n  value: %d%n  list: [a, b]%n", i, i));
            w.write("  script: |\n    #!/bin/sh\n    echo \"provisioning step\"\n\n");
        }
        w.write("vmType: vz\nadditionalDisks:\n- name: data\n  format: true\n");
    }

    private static void repeat(Writer w, String head, String unit, int times, String tail) throws IOException {
        w.write(head);
        for (int i = 0; i < times; i++) {
            w.write(unit);
        }
        w.write(tail);
    }
}
