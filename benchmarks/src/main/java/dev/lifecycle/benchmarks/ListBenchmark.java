// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import dev.lifecycle.core.InstanceStatus;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LimaHome#list()} of a home of {@code n} running {@link RunningInstances}, against
 * its floor: the same directories read with plain {@link Files} calls and no library — list
 * the home, list each instance directory, read its {@code lima.yaml}, {@code ha.pid} and
 * {@code qemu.pid}, and read {@code /proc/<pid>/stat} and {@code /proc/<pid>/cmdline} of both
 * PIDs (the least that tells whether a recorded process runs and what it is). Both are timed
 * in the same warm JVM, alternating, after {@value #WARM_INSTANCE_READS} instances were read
 * untimed by each, so that every N is timed on compiled code; the library's first
 * read in the JVM (class loading, the provider's probe) is reported on its own, and so is the
 * CPU time of the reading thread, which the load on a shared machine does not inflate.
 */
final class ListBenchmark {

    /** What one home measured; durations in nanoseconds per whole read. */
    record Result(int instances, Duration setup, Duration cold, Stats library, Stats libraryCpu, Stats floor,
                  Map<InstanceStatus, Integer> statuses, int allRunning) {
    }

    /** How many instances are read, untimed, before the timed reads: enough for the JIT to compile the path. */
    static final int WARM_INSTANCE_READS = 5000;

    private final ProcessControl control;
    private final AgentHostClient agents;

    ListBenchmark(ProcessControl control, AgentHostClient agents) {
        this.control = control;
        this.agents = agents;
    }

    Result run(int n, int reads) throws IOException, InterruptedException {
        try (BenchLimaHome home = new BenchLimaHome()) {
            long setupStart = System.nanoTime();
            RunningInstances.start(agents, home, AgentKind.IGNORING, n, 0, "list");
            Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
            LimaHome lima = LimaHome.of(home.path(), control);

            long coldStart = System.nanoTime();
            List<LimaInstance> found = lima.list();
            Duration cold = Duration.ofNanos(System.nanoTime() - coldStart);
            // Warm: the same number of instance reads before the timed ones, whatever N.
            for (int i = 1; i < Math.max(1, WARM_INSTANCE_READS / n); i++) {
                lima.list();
                plainRead(home.path());
            }

            List<Long> library = new ArrayList<>();
            List<Long> libraryCpu = new ArrayList<>();
            List<Long> floor = new ArrayList<>();
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < reads; i++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                found = lima.list();
                long t1 = System.nanoTime();
                libraryCpu.add(cpu.getCurrentThreadCpuTime() - c0);
                int read = plainRead(home.path());
                long t2 = System.nanoTime();
                if (read != n) {
                    throw new IllegalStateException("the floor read " + read + " instances, not " + n);
                }
                library.add(t1 - t0);
                floor.add(t2 - t1);
            }
            Map<InstanceStatus, Integer> statuses = new EnumMap<>(InstanceStatus.class);
            found.forEach(i -> statuses.merge(i.status(), 1, Integer::sum));
            int allRunning = (int) found.stream().filter(ListBenchmark::bothProcessesRunning).count();
            return new Result(n, setup, cold, new Stats(library), new Stats(libraryCpu), new Stats(floor), statuses,
                    allRunning);
        }
    }

    /**
     * Whether the reader found the agent and the driver running: Running, or Broken only
     * because the stand-in agent does not listen on {@code ha.sock} (a shell cannot), as
     * Lima would list it too.
     */
    static boolean bothProcessesRunning(LimaInstance i) {
        return i.status() == InstanceStatus.RUNNING || (i.status() == InstanceStatus.BROKEN
                && i.problems().size() == 1 && i.problems().get(0).contains("does not answer on"));
    }

    /**
     * The floor: what any reader must do, with plain {@link Files} calls.
     *
     * @return how many instance directories were read
     */
    static int plainRead(Path home) throws IOException {
        int count = 0;
        long sink = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(home)) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path e : entries) {
                        sink += e.getFileName().toString().length();
                    }
                }
                sink += Files.readAllBytes(dir.resolve("lima.yaml")).length;
                for (String pidFile : new String[] {"ha.pid", "qemu.pid"}) {
                    String pid = new String(Files.readAllBytes(dir.resolve(pidFile)), StandardCharsets.US_ASCII).strip();
                    Path proc = Path.of("/proc", pid);
                    sink += Files.readAllBytes(proc.resolve("stat")).length;
                    sink += Files.readAllBytes(proc.resolve("cmdline")).length;
                }
                count++;
            }
        }
        return sink > 0 ? count : -1;
    }
}
