// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import dev.lifecycle.api.Outcome;
import dev.lifecycle.api.StopReport;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One verdict of the demo: did an instance end as it should, with only its stale files
 * gone and its disks released?
 *
 * @param subject what was checked (an instance name, or {@code processes})
 * @param passed whether it is as expected
 * @param message what was found, in words
 */
public record DemoCheck(String subject, boolean passed, String message) {

    /** Validates that nothing is null. */
    public DemoCheck {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Checks every instance of a simulated home against its stop report.
     *
     * @param home the simulated home, after the stop
     * @param reports the reports of the stop
     * @return one check per instance, in the home's order
     */
    public static List<DemoCheck> instances(SimulatedLimaHome home, List<StopReport> reports) {
        Map<String, StopReport> byName = reports.stream().collect(Collectors.toMap(StopReport::instance, Function.identity()));
        List<DemoCheck> checks = new ArrayList<>();
        for (SimulatedInstance spec : home.instances()) {
            StopReport report = byName.get(spec.name());
            checks.add(report == null ? new DemoCheck(spec.name(), false, "no report")
                    : instance(home, spec, report));
        }
        return checks;
    }

    /**
     * Checks that no process the demo started is still alive.
     *
     * @param alive labels of the processes still alive
     * @param started how many were started
     * @return the check
     */
    public static DemoCheck processes(List<String> alive, int started) {
        return alive.isEmpty()
                ? new DemoCheck("processes", true, "all " + started + " simulated processes are gone")
                : new DemoCheck("processes", false, "still running: " + String.join(", ", alive));
    }

    private static DemoCheck instance(SimulatedLimaHome home, SimulatedInstance spec, StopReport report) {
        List<String> problems = new ArrayList<>();
        String outcome = outcome(spec, report, problems);
        Path dir = home.path().resolve(spec.name());
        List<String> left = listing(dir, problems);
        List<String> stale = left.stream().filter(DemoCheck::isStaleName).collect(Collectors.toList());
        if (!stale.isEmpty()) {
            problems.add("stale files left: " + String.join(", ", stale));
        }
        for (String kept : List.of("lima.yaml", "disk")) {
            if (!left.contains(kept)) {
                problems.add(kept + " is gone but must never be touched");
            }
        }
        List<String> released = new ArrayList<>();
        for (String disk : home.locks(spec.name())) {
            Path lock = home.path().resolve("_disks").resolve(disk).resolve("in_use_by");
            if (Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("disk " + disk + " is still locked");
            } else {
                released.add(disk);
            }
            if (!Files.exists(lock.resolveSibling("datadisk"))) {
                problems.add("disk " + disk + ": datadisk is gone but must never be touched");
            }
        }
        if (!problems.isEmpty()) {
            return new DemoCheck(spec.name(), false, report.outcome() + ": " + String.join("; ", problems));
        }
        String disks = released.isEmpty() ? "" : "; disk " + String.join(", ", released) + " released";
        return new DemoCheck(spec.name(), true, outcome + "; left " + String.join(", ", left) + disks);
    }

    /** Describes the outcome; adds a problem when it is not the expected one. */
    private static String outcome(SimulatedInstance spec, StopReport report, List<String> problems) {
        if (report.outcome() == spec.expected()) {
            return report.outcome() + " as expected";
        }
        problems.add("expected " + spec.expected());
        return report.outcome().toString();
    }

    private static List<String> listing(Path dir, List<String> problems) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(e -> names.add(e.getFileName().toString()));
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e);
        }
        names.sort(null);
        return names;
    }

    private static boolean isStaleName(String name) {
        return name.endsWith(".pid") || name.endsWith(".sock") || name.endsWith(".tmp");
    }
}
