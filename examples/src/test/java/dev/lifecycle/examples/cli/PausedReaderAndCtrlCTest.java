// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.api.VmType;
import dev.lifecycle.examples.demo.SimulatedInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a JVM of its own, as an operator runs it: {@code stop --all | less} with the
 * pager paused, and Ctrl+C in the middle of a stop.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGINT is sent with kill(1)")
class PausedReaderAndCtrlCTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path logs;

    private final SimulatedHomes homes = new SimulatedHomes();
    private Process cli;

    @AfterEach
    void killLeftovers() {
        if (cli != null) {
            cli.destroyForcibly();
        }
        homes.close();
    }

    @Test
    void aPausedReaderDoesNotKeepTheStopFromForcingOnTime() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("stubborn", VmType.QEMU));
        // An instance whose cleanup alone prints far more than a pipe holds (64 KiB on Linux).
        Path flood = Files.createDirectories(home.resolve("flood"));
        Files.writeString(flood.resolve("lima.yaml"), "vmType: qemu\n");
        for (int i = 0; i < 3000; i++) {
            Files.writeString(flood.resolve("stale-file-number-" + i + ".tmp"), "");
        }
        Path err = logs.resolve("stderr.txt");

        // stdout is a pipe that nobody reads until the end: a pager that was paused.
        cli = ChildCli.command(List.of(), "stop", "--all", "--grace", "1s", "--lima-home", home.toString())
                .redirectError(err.toFile()).start();
        List<String> alive = homes.processes.aliveAfter(Duration.ofSeconds(30));

        assertEquals(List.of(), alive, "forced although nobody read the progress; stderr: " + Files.readString(err, UTF_8));
        assertTrue(cli.isAlive(), "the CLI itself waits for its reader");
        String out = new String(cli.getInputStream().readAllBytes(), UTF_8); // the reader resumes
        assertEquals(0, ChildCli.await(cli), Files.readString(err, UTF_8));
        assertTrue(out.lines().anyMatch(l -> l.matches("stubborn\\s+STOPPED_FORCIBLY\\s+.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("flood\\s+ALREADY_STOPPED\\s+.*")), out);
        assertTrue(out.contains("live events were not delivered because the listener fell behind"),
                "the view says it missed events");
        assertTrue(Files.list(flood).noneMatch(p -> p.toString().endsWith(".tmp")), "every stale file went");
    }

    @Test
    void ctrlCEndsTheStopAtOnceAndPrintsWhatWasDoneAsJson() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("stubborn", VmType.QEMU));
        int running = homes.processes.alive().size();
        Path out = logs.resolve("stdout.json");

        cli = ChildCli.command(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                "stop", "--json", "--grace", "10m", "--lima-home", home.toString(), "stubborn")
                .redirectOutput(out.toFile()).start();
        Stderr err = Stderr.follow(cli.getErrorStream());
        err.awaitLine("interrupt-host-agent"); // the agent has its interrupt: the stop now waits out 10 minutes
        interrupt(cli);

        int code = ChildCli.await(cli);
        assertEquals(130, code, "ended by SIGINT; stderr: " + err.text());
        JsonNode doc = JSON.readTree(out.toFile());
        assertTrue(doc.get("interrupted").asBoolean(), doc.toString());
        JsonNode report = doc.get("reports").get(0);
        assertEquals("stubborn", report.get("instance").asText());
        assertEquals("CANCELLED", report.get("outcome").asText(), report.toString());
        assertTrue(report.toString().contains("\"status\":\"CANCELLED\",") && report.toString().contains("cancelled"),
                "the report says the wait was cut short: " + report);
        assertEquals(2, running);
        assertEquals(running, homes.processes.alive().size(), "nothing is forced after Ctrl+C");
        assertTrue(Files.exists(home.resolve("stubborn").resolve("ha.pid")), "files of a running instance stay");
    }

    @Test
    void ctrlCPrintsTheSummaryTableInPlainOutput() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("stubborn", VmType.QEMU));
        Path out = logs.resolve("stdout.txt");

        cli = ChildCli.command(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                "stop", "--grace", "10m", "--lima-home", home.toString(), "stubborn")
                .redirectOutput(out.toFile()).start();
        Stderr err = Stderr.follow(cli.getErrorStream());
        err.awaitLine("interrupt-host-agent");
        interrupt(cli);

        assertEquals(130, ChildCli.await(cli), err.text());
        String text = Files.readString(out, UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.matches("stubborn\\s+CANCELLED\\s+.*")), text);
        assertTrue(text.contains("! await-graceful-exit CANCELLED: stop cancelled while waiting"), text);
        assertTrue(text.contains("Interrupted: the waits were ended and nothing more was forced"), text);
    }

    private static void interrupt(Process p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT " + p.pid());
    }

    /** Reads a child's stderr to the end on a thread of its own, so the child never blocks on it. */
    private static final class Stderr {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Void>> waiting = new CopyOnWriteArrayList<>();
        private final List<String> wanted = new CopyOnWriteArrayList<>();

        static Stderr follow(InputStream in) {
            Stderr s = new Stderr();
            Thread t = new Thread(() -> s.read(in), "child-stderr");
            t.setDaemon(true);
            t.start();
            return s;
        }

        private void read(InputStream in) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    for (int i = 0; i < wanted.size(); i++) {
                        if (line.contains(wanted.get(i))) {
                            waiting.get(i).complete(null);
                        }
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
            waiting.forEach(f -> f.completeExceptionally(new AssertionError("stderr ended: " + text())));
        }

        synchronized void awaitLine(String fragment) throws Exception {
            CompletableFuture<Void> seen = new CompletableFuture<>();
            wanted.add(fragment);
            waiting.add(seen);
            if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                seen.complete(null);
            }
            seen.get(60, TimeUnit.SECONDS);
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}
