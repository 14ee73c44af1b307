// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.core.ProcessControls;
import dev.lifecycle.examples.cli.view.InstanceTable;
import dev.lifecycle.examples.demo.DemoCheck;
import dev.lifecycle.examples.demo.DemoScenario;
import dev.lifecycle.examples.demo.InterruptEvent;
import dev.lifecycle.examples.demo.SimulatedInstance;
import dev.lifecycle.examples.demo.SimulatedLimaHome;
import dev.lifecycle.examples.demo.SimulatedProcesses;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifecycle demo}: the main job on an embedded default. Builds a throw-away Lima
 * home whose instances are backed by real processes of this OS, lists it, stops every
 * instance at once with live progress, checks that each ended as it should, and removes
 * everything it created — processes included, also on Ctrl+C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs the main job on simulated instances: creates a temporary Lima home with "
                + "instances whose host agents and drivers are real processes (graceful ones, one that ignores"
                + " the interrupt, one that crashed earlier), lists them, stops them all at once with live"
                + " progress, checks the outcomes, and removes everything it created."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every instance ended as expected", "1:an outcome or check was not as expected",
            "2:usage error", "3:the output could not be written (stderr says why)"})
final class DemoCommand implements Callable<Integer> {

    /** How long the simulated processes may take to start, all together; JVMs on a busy machine are slow. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a process the stopper saw exit may take to be reaped before it counts as still alive. */
    private static final Duration REAP_WAIT = Duration.ofSeconds(2);

    private final CliContext ctx;

    /*
     * Short, so the forced path comes soon, yet four times the slowest graceful agent
     * (500 ms), so the demo does not fail on a busy machine.
     */
    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "The grace period before the forced path. Default: ${DEFAULT-VALUE}.")
    private Duration grace;

    @Option(names = "--temp-parent", paramLabel = "DIR", hidden = true,
            description = "Where to create the temporary Lima home. Default: the system temp directory.")
    private Path tempParent;

    /** What the last run started and where, for tests that check nothing is left behind. */
    private volatile List<Long> startedPids = List.of();
    private volatile Optional<Path> lastHome = Optional.empty();

    DemoCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path home = tempParent == null ? Files.createTempDirectory("lifecycle-demo-")
                : Files.createTempDirectory(tempParent, "lifecycle-demo-");
        lastHome = Optional.of(home);
        SimulatedProcesses processes = new SimulatedProcesses(List.of(LifecycleCli.class.getName(), SimulateAgentCommand.NAME));
        Cleanup cleanup = new Cleanup(home, processes);
        Thread hook = new Thread(cleanup::run, "lifecycle-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl+C must not leave processes or files behind
        int code = ExitCodes.FAILED;
        try {
            code = show(home, processes, cleanup);
        } catch (IOException e) {
            ctx.err().println("lifecycle demo: the demo could not be set up: " + UsageErrorHandler.oneLine(e.getMessage()));
        } finally {
            startedPids = processes.pids();
            if (!cleanup.run()) {
                code = ExitCodes.FAILED;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down and runs the hook anyway; cleanup is idempotent
            }
        }
        return code;
    }

    private int show(Path home, SimulatedProcesses processes, Cleanup cleanup) throws IOException, InterruptedException {
        PrintWriter out = ctx.out();
        List<SimulatedInstance> scenario = DemoScenario.instances();
        ProcessControl control = processControl();
        out.println("Lifecycle demo: " + scenario.size() + " simulated Lima instances, backed by real processes of this OS.");
        out.println("Lima home:       " + home);
        out.println("Process control: " + control.id() + " (exit watching by " + control.exitWatchMechanism() + ")");
        if (HostOs.current() == HostOs.WINDOWS) {
            out.println("Interrupts:      named events " + InterruptEvent.TEMPLATE + ", as agents of hosts without a"
                    + " console take them");
        }
        out.println();
        out.println("Starting simulated host agents and drivers ...");
        out.flush();
        SimulatedLimaHome simulated = SimulatedLimaHome.create(home, scenario, processes, READY_TIMEOUT);
        simulated.notes().forEach(n -> out.println("note: " + n));
        List<LimaInstance> listed = LimaHome.of(home).list();
        out.println();
        InstanceTable.print(out, listed);
        out.println();
        out.println("Stopping all " + listed.size() + " at once: interrupt every host agent, force whatever still runs after "
                + DurationConverter.format(grace) + " ...");
        out.println();
        out.flush();
        List<Instance> instances = listed.stream().map(LimaInstance::instance).collect(Collectors.toList());
        StopOptions options = StopOptions.builder().gracePeriod(grace).build();
        List<StopReport> reports = StopExecution.run(instances, options, new WslExeOption(), Optional.of(control),
                OutputStyle.choose(false, ctx.terminal()), ctx);
        if (cleanup.started()) {
            out.println();
            out.println("Demo interrupted: everything it created was removed before the checks could run.");
            out.flush();
            return ExitCodes.FAILED;
        }

        List<DemoCheck> checks = new ArrayList<>(DemoCheck.instances(simulated, reports));
        checks.add(DemoCheck.processes(processes.aliveAfter(REAP_WAIT), processes.pids().size()));
        out.println();
        out.println("Checks:");
        int width = checks.stream().mapToInt(c -> c.subject().length()).max().orElse(8);
        for (DemoCheck c : checks) {
            out.println(String.format("  %-4s  %-" + width + "s  %s", c.passed() ? "ok" : "FAIL", c.subject(), c.message()));
        }
        boolean passed = checks.stream().allMatch(DemoCheck::passed);
        out.println();
        out.println(passed ? "Demo passed: every instance ended as expected."
                : "Demo FAILED: see the checks marked FAIL above.");
        out.flush();
        return passed ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * The provider the demo stops with. On Windows its agents wait on named events, so the
     * Windows provider is told their names through its system property, the way a host app
     * without code of its own would — and made afresh, because a provider reads the property
     * on first use.
     */
    private static ProcessControl processControl() {
        if (HostOs.current() != HostOs.WINDOWS) {
            return ProcessControls.selected();
        }
        System.setProperty(InterruptEvent.PROPERTY, InterruptEvent.TEMPLATE);
        return ProcessControls.select(DemoCommand.class.getClassLoader(),
                Optional.ofNullable(System.getProperty(ProcessControls.FORCE_PROPERTY)).filter(s -> !s.isBlank()));
    }

    /** @return the PIDs of every process the last run started (for tests) */
    List<Long> startedPids() {
        return startedPids;
    }

    /** @return the temporary Lima home of the last run, which no longer exists after it (for tests) */
    Optional<Path> lastHome() {
        return lastHome;
    }

    /** Kills what is left and deletes the temporary home, once, whoever calls first. */
    private final class Cleanup {
        private final Path home;
        private final SimulatedProcesses processes;
        private final AtomicBoolean done = new AtomicBoolean();

        Cleanup(Path home, SimulatedProcesses processes) {
            this.home = home;
            this.processes = processes;
        }

        /** @return true once the cleanup began, e.g. because the JVM is shutting down (Ctrl+C) */
        boolean started() {
            return done.get();
        }

        /** @return true if nothing was left behind */
        boolean run() {
            if (!done.compareAndSet(false, true)) {
                return true;
            }
            List<String> killed = processes.killAll();
            boolean ok = true;
            if (!killed.isEmpty()) {
                ctx.err().println("lifecycle demo: killed simulated processes still running: " + String.join(", ", killed));
            }
            try {
                deleteTree(home);
            } catch (IOException e) {
                ctx.err().println("lifecycle demo: could not delete " + home + ": " + e);
                ok = false;
            }
            if (ok) {
                ctx.out().println("Cleaned up: " + processes.pids().size() + " simulated processes gone, "
                        + home + " deleted.");
            }
            ctx.out().flush();
            ctx.err().flush();
            return ok;
        }
    }

    /** Deletes a tree without following links: the in_use_by lock is removed as a link, its target untouched. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
