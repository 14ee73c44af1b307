// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The facts that make a benchmark run comparable: CPUs, kernel, Java, load, descriptor limit. */
final class MachineInfo {

    private MachineInfo() {
    }

    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("cpus (nproc): " + Runtime.getRuntime().availableProcessors()
                + cpuModel().map(m -> " x " + m).orElse(""));
        lines.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", kernel (uname -r) " + System.getProperty("os.version"));
        lines.add("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        firstLine(Path.of("/proc/loadavg")).ifPresent(l -> lines.add("load average at start: " + l));
        openFilesLimit().ifPresent(l -> lines.add("open files limit (soft hard): " + l));
        return lines;
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.substring("Max open files".length()).strip().replaceAll("\\s+files$", "")
                            .replaceAll("\\s+", " "))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstLine(Path p) {
        try {
            return Files.readAllLines(p).stream().findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
