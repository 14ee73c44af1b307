// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.ProcStat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stop --all} of 300 instances — 600 processes that ignore the interrupt — by a CLI
 * whose JVM may open only 256 files: every process pinned by a file descriptor for the
 * whole stop could not fit, so pins are taken within a budget, given back as soon as a
 * process is confirmed gone, and the rest are signalled by the re-checked {@code kill(2)}.
 * Everything stops, and every PID file goes.
 */
@EnabledOnOs(OS.LINUX)
class StopUnderFileLimitTest {

    private static final int INSTANCES = 300;
    private static final int FILE_LIMIT = 256;

    /**
     * Starts every stand-in, writes its PID file after it started (as Lima does) and reaps
     * them. Each blocks opening the FIFO, ignoring SIGINT and SIGTERM, until killed or until
     * the FIFO gets a writer.
     */
    private static final String SPAWN = String.join("\n",
            "for d in \"$@\"; do",
            "  sh -c 'trap \"\" INT TERM; read x < \"$FIFO\"' limactl hostagent --pidfile \"$d/ha.pid\" \"$d\" &",
            "  echo $! > \"$d/ha.pid\"",
            "  sh -c 'trap \"\" INT TERM; read x < \"$FIFO\"' qemu-system-x86_64 -pidfile \"$d/qemu.pid\" &",
            "  echo $! > \"$d/qemu.pid\"",
            "done",
            "echo spawned",
            "wait");

    @TempDir
    Path tmp;

    @Test
    void everyInstanceStopsCompletelyUnderUlimit256() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("lima"));
        Path fifo = tmp.resolve("hold");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        List<String> spawn = new ArrayList<>(List.of("sh", "-c", SPAWN, "spawn"));
        for (int i = 0; i < INSTANCES; i++) {
            Path dir = Files.createDirectories(home.resolve(String.format("vm-%03d", i)));
            Files.writeString(dir.resolve("lima.yaml"), "vmType: qemu\n");
            spawn.add(dir.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(spawn).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("FIFO", fifo.toString());
        Process spawner = pb.start();
        List<Long> pids = new ArrayList<>();
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(spawner.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                assertEquals("spawned", out.readLine());
            }
            for (int i = 0; i < INSTANCES; i++) {
                Path dir = home.resolve(String.format("vm-%03d", i));
                pids.add(Long.parseLong(Files.readString(dir.resolve("ha.pid")).strip()));
                pids.add(Long.parseLong(Files.readString(dir.resolve("qemu.pid")).strip()));
            }

            ProcessBuilder cli = ChildCli.command(List.of(), "stop", "--all", "--json", "--grace", "500ms",
                    "--lima-home", home.toString());
            List<String> limited = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + FILE_LIMIT + " && exec \"$0\" \"$@\""));
            limited.addAll(cli.command());
            ChildCli.Result r = run(cli.command(limited));

            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertEquals(INSTANCES, Pattern.compile("\"outcome\"\\s*:\\s*\"STOPPED_FORCIBLY\"").matcher(r.out())
                    .results().count(), r.out() + r.err());
            List<Long> running = pids.stream().filter(pid -> !ProcStat.hasExited(pid)).toList();
            assertEquals(List.of(), running, "processes left running");
            for (int i = 0; i < INSTANCES; i++) {
                Path dir = home.resolve(String.format("vm-%03d", i));
                assertTrue(Files.notExists(dir.resolve("ha.pid")) && Files.notExists(dir.resolve("qemu.pid")),
                        dir + " keeps a PID file");
                assertTrue(Files.exists(dir.resolve("lima.yaml")));
            }
            assertTrue(spawner.waitFor(30, TimeUnit.SECONDS), "the spawner reaped every stand-in and ended");
        } finally {
            // A writer lets any stand-in left blocked in open(2) read end of input and exit.
            FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
            spawner.descendants().forEach(ProcessHandle::destroyForcibly);
            spawner.destroyForcibly();
        }
    }

    private ChildCli.Result run(ProcessBuilder pb) throws Exception {
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = ChildCli.await(p);
        return new ChildCli.Result(code, Files.readString(out), Files.readString(err));
    }
}
