// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.demo;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.VmType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Lima home laid out the way Lima lays it out — {@code lima.yaml}, {@code disk},
 * {@code ha.pid}, {@code <vmType>.pid}, {@code ha.sock}, logs, a stale {@code .tmp} file,
 * additional disks under {@code _disks/<disk>/} locked by an {@code in_use_by} symlink —
 * whose processes are {@link SimulatedAgent}s. Each carries the command line Lima gives the
 * process it stands in for — the agent {@code --pidfile <dir>/ha.pid --socket <dir>/ha.sock},
 * the driver {@code --pidfile <dir>/<vmType>.pid}, the driver server {@code --inst-dir <dir>} —
 * and PID files are written only after their process printed {@value SimulatedAgent#READY}:
 * both kinds of identity evidence the stopper checks.
 */
public final class SimulatedLimaHome {

    /** The name of the stale temporary file each instance gets. */
    public static final String STALE_TMP_FILE = "ssh.config.tmp";
    /** The external driver server's PID file name, when an instance has one. */
    public static final String DRIVER_SERVER_PID_FILE = "vde.drv.pid";
    /** Simulated processes give up on their own after this long, a last guard against leaks. */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private final Path path;
    private final List<SimulatedInstance> instances;
    private final Map<String, List<String>> locks;
    private final List<String> notes;

    private SimulatedLimaHome(Path path, List<SimulatedInstance> instances, Map<String, List<String>> locks,
                              List<String> notes) {
        this.path = path;
        this.instances = List.copyOf(instances);
        this.locks = Map.copyOf(locks);
        this.notes = List.copyOf(notes);
    }

    /**
     * Lays out the instances in {@code home} and starts their processes.
     *
     * @param home an empty directory to use as the Lima home
     * @param instances what to create
     * @param processes starts the processes and remembers them for cleanup
     * @param readyTimeout how long to wait for every process to get ready
     * @return the home
     * @throws IOException if a file or process cannot be created
     * @throws InterruptedException if interrupted while waiting for the processes
     */
    public static SimulatedLimaHome create(Path home, List<SimulatedInstance> instances, SimulatedProcesses processes,
                                           Duration readyTimeout) throws IOException, InterruptedException {
        Objects.requireNonNull(home, "home");
        List<String> notes = new ArrayList<>();
        Map<String, List<String>> locks = new LinkedHashMap<>();
        for (SimulatedInstance spec : instances) {
            locks.put(spec.name(), layOut(home, spec, notes));
        }
        Map<String, Launched> launched = new LinkedHashMap<>();
        List<Process> all = new ArrayList<>();
        for (SimulatedInstance spec : instances) {
            Launched l = launch(home.resolve(spec.name()), spec, processes);
            launched.put(spec.name(), l);
            all.addAll(l.all());
        }
        processes.awaitReady(all, readyTimeout);
        for (SimulatedInstance spec : instances) {
            Path dir = home.resolve(spec.name());
            Launched l = launched.get(spec.name());
            writePid(dir.resolve("ha.pid"), l.agent());
            if (spec.hasSeparateDriver()) {
                writePid(dir.resolve(spec.vmType().pidFileName()), l.driver());
            } else if (VmType.VZ.equals(spec.vmType())) {
                writePid(dir.resolve(spec.vmType().pidFileName()), l.agent()); // vz runs in the agent
            }
            if (l.server() != null) {
                writePid(dir.resolve(DRIVER_SERVER_PID_FILE), l.server());
            }
        }
        for (SimulatedInstance spec : instances) {
            if (spec.agent() == SimulatedInstance.AgentMode.CRASHED) {
                crash(launched.get(spec.name()));
            }
        }
        return new SimulatedLimaHome(home, instances, locks, notes);
    }

    /** The processes of one instance; driver and server are null when it has none. */
    private record Launched(Process agent, Process driver, Process server) {
        List<Process> all() {
            List<Process> all = new ArrayList<>();
            all.add(agent);
            if (driver != null) {
                all.add(driver);
            }
            if (server != null) {
                all.add(server);
            }
            return all;
        }
    }

    private static List<String> layOut(Path home, SimulatedInstance spec, List<String> notes) throws IOException {
        Path dir = Files.createDirectories(home.resolve(spec.name()));
        Files.writeString(dir.resolve("lima.yaml"), limaYaml(spec), StandardCharsets.UTF_8);
        Files.write(dir.resolve("disk"), new byte[4096]); // a stand-in for the VM's disk image: must survive
        Files.writeString(dir.resolve(STALE_TMP_FILE), "Host lima-" + spec.name() + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ha.stdout.log"), "", StandardCharsets.UTF_8);
        List<String> locked = new ArrayList<>();
        for (String disk : spec.disks()) {
            Path diskDir = Files.createDirectories(home.resolve("_disks").resolve(disk));
            Files.write(diskDir.resolve("datadisk"), new byte[4096]);
            try {
                Files.createSymbolicLink(diskDir.resolve("in_use_by"), dir);
                locked.add(disk);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // Windows without Developer Mode refuses symlinks; the demo goes on without the lock.
                notes.add("disk " + disk + " of " + spec.name() + " left unlocked: this OS refused the in_use_by symlink ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return locked;
    }

    private static String limaYaml(SimulatedInstance spec) {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by the Lifecycle demo: a simulated instance, no VM behind it.\n")
                .append("vmType: ").append(spec.vmType().id()).append('\n')
                .append("cpus: 2\n")
                .append("memory: 2GiB\n")
                .append("images:\n")
                .append("- location: https://example.invalid/").append(spec.name()).append(".qcow2\n");
        if (!spec.disks().isEmpty()) {
            yaml.append("additionalDisks:\n");
            spec.disks().forEach(d -> yaml.append("- name: ").append(d).append('\n'));
        }
        return yaml.toString();
    }

    private static Launched launch(Path dir, SimulatedInstance spec, SimulatedProcesses processes) throws IOException {
        List<String> common = List.of("--exit-with-parent", "--max-lifetime", MAX_LIFETIME.toSeconds() + "s");
        Process driver = null;
        Process server = null;
        List<String> agentArgs = new ArrayList<>(common);
        if (spec.hasSeparateDriver()) {
            driver = processes.start(spec.name() + "/" + spec.vmType().id(), withArguments(common, "--pidfile",
                    dir.resolve(spec.vmType().pidFileName()).toString()), dir.resolve("driver.stderr.log"));
            agentArgs.addAll(List.of("--kill-on-exit", String.valueOf(driver.pid())));
        }
        if (spec.driverServer()) {
            server = processes.start(spec.name() + "/vde", withArguments(common, "--inst-dir", dir.toString()),
                    dir.resolve("driver.stderr.log"));
            agentArgs.addAll(List.of("--kill-on-exit", String.valueOf(server.pid())));
        }
        agentArgs.addAll(List.of("--exit-delay", spec.exitDelay().toMillis() + "ms",
                "--pidfile", dir.resolve("ha.pid").toString(), "--socket", dir.resolve("ha.sock").toString(),
                "--event-log", dir.resolve("ha.stdout.log").toString()));
        if (spec.agent() == SimulatedInstance.AgentMode.STUBBORN) {
            agentArgs.add("--ignore-interrupt");
        }
        if (HostOs.current() == HostOs.WINDOWS) {
            // A JVM cannot take Ctrl+Break for itself, and is no process-group root: on Windows
            // the agent waits on a named event, as agents of hosts without a console do.
            agentArgs.addAll(List.of("--interrupt-event", InterruptEvent.forHostAgent(spec.name())));
        }
        Process agent = processes.start(spec.name() + "/ha", agentArgs, dir.resolve("ha.stderr.log"));
        return new Launched(agent, driver, server);
    }

    /** The common options plus the ones that name the instance, as Lima's own processes name it. */
    private static List<String> withArguments(List<String> common, String... naming) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(naming));
        return args;
    }

    private static void writePid(Path file, Process process) throws IOException {
        Files.writeString(file, process.pid() + "\n", StandardCharsets.US_ASCII);
    }

    /** Kills the processes of a crashed instance, leaving its PID files and socket behind. */
    private static void crash(Launched l) throws IOException, InterruptedException {
        for (Process p : l.all()) {
            p.destroyForcibly();
        }
        for (Process p : l.all()) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                throw new IOException("simulated process PID " + p.pid() + " survived a kill for 5 s");
            }
        }
    }

    /** @return the Lima home directory */
    public Path path() {
        return path;
    }

    /** @return the instances, in creation order */
    public List<SimulatedInstance> instances() {
        return instances;
    }

    /**
     * @param instance an instance name
     * @return the additional disks whose {@code in_use_by} lock was created for it
     */
    public List<String> locks(String instance) {
        return locks.getOrDefault(instance, List.of());
    }

    /** @return what could not be simulated on this OS, for the reader */
    public List<String> notes() {
        return notes;
    }
}
