// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of whole CLI processes, from {@link ProcessBuilder#start()} to the end of
 * {@link Process#waitFor()}, against the floor measured in the same run: a bare JVM start
 * ({@link BareMain}). Each command runs {@code runs} times, the commands interleaved so that
 * a burst of load on the machine hits them alike; the first run of each is not counted (it
 * warms the page cache). Measured: {@code --version}; {@code list} of a home with one running
 * instance (host agent and QEMU stand-ins); {@code stop} of one instance whose agent stops
 * its driver and exits at once on the interrupt, so the grace wait is the few milliseconds
 * the stand-ins take. Each CLI command runs both as {@code java -jar lifecycle-cli.jar} and
 * through the launcher that uses the class-data archive built with the jar, when there is one.
 */
final class CliStartBenchmark {

    /** Milliseconds per run of each command, by label, in the order measured. */
    record Result(Map<String, Stats> byLabel, Map<String, String> commands) {
    }

    private final AgentHostClient agents;
    private final Path cliJar;
    private final Optional<Path> launcher;
    private final String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    CliStartBenchmark(AgentHostClient agents, Path cliJar, Optional<Path> launcher) {
        this.agents = agents;
        this.cliJar = cliJar;
        this.launcher = launcher;
    }

    Result run(int runs) throws IOException, InterruptedException {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        Map<String, String> commands = new LinkedHashMap<>();
        try (BenchLimaHome listHome = new BenchLimaHome()) {
            RunningInstances.start(agents, listHome, AgentKind.IGNORING, 1, 0, "listed");
            for (int run = 0; run <= runs; run++) {
                boolean counted = run > 0;
                time(times, commands, counted, "bare JVM", List.of(javaExe, "-cp", System.getProperty("java.class.path"),
                        BareMain.class.getName()), Map.of());
                for (Optional<Path> via : viaJarAndLauncher()) {
                    String how = via.isPresent() ? " (launcher)" : " (java -jar)";
                    time(times, commands, counted, "--version" + how, cli(via, "--version"), Map.of());
                    time(times, commands, counted, "list, 1 instance" + how, cli(via, "list"),
                            Map.of("LIMA_HOME", listHome.path().toString()));
                    try (BenchLimaHome stopHome = new BenchLimaHome()) {
                        RunningInstances one = RunningInstances.start(agents, stopHome, AgentKind.GRACEFUL, 1, 0, "stopped");
                        time(times, commands, counted, "stop, 1 instance" + how,
                                cli(via, "stop", one.instances().get(0).name()),
                                Map.of("LIMA_HOME", stopHome.path().toString()));
                        agents.awaitExits(one.allPids(), java.time.Duration.ofSeconds(10));
                    }
                }
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        times.forEach((label, samples) -> stats.put(label, new Stats(samples)));
        return new Result(stats, commands);
    }

    private List<Optional<Path>> viaJarAndLauncher() {
        return launcher.isPresent() ? List.of(Optional.empty(), launcher) : List.of(Optional.empty());
    }

    private List<String> cli(Optional<Path> via, String... args) {
        List<String> cmd = new ArrayList<>();
        if (via.isPresent()) {
            cmd.add(via.get().toString());
        } else {
            cmd.addAll(List.of(javaExe, "-jar", cliJar.toString()));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void time(Map<String, List<Long>> times, Map<String, String> commands, boolean counted, String label,
                      List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        // The launcher takes this Java, so that both ways run the same JVM.
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(label + " did not finish within 60 s: " + cmd);
        }
        long nanos = System.nanoTime() - start;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(label + " exited with " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        commands.putIfAbsent(label, String.join(" ", cmd));
        if (counted) {
            times.computeIfAbsent(label, k -> new ArrayList<>()).add(nanos);
        }
    }

    /**
     * The CLI jar next to this jar's module in the reactor ({@code benchmarks/target/..} to
     * {@code examples/target/lifecycle-cli.jar}), if built.
     */
    static Optional<Path> defaultCliJar() {
        Path here = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath();
        Path jar = here.getParent().getParent().getParent().resolve("examples").resolve("target").resolve("lifecycle-cli.jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }
}
