// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.api.VmType;
import dev.lifecycle.examples.demo.SimulatedInstance;
import dev.lifecycle.examples.demo.SimulatedLimaHome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lifecycle stop} against Lima homes backed by real processes. */
class StopCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final SimulatedHomes homes = new SimulatedHomes();

    @AfterEach
    void killLeftovers() {
        homes.close();
    }

    @Test
    void jsonReportsAGracefulAndAnAlreadyStoppedInstance() throws Exception {
        homes.create(home,
                SimulatedInstance.graceful("alpha", VmType.QEMU, Duration.ofMillis(100)).withDisk("data"),
                SimulatedInstance.crashed("charlie", VmType.VZ));
        Files.writeString(home.resolve("charlie").resolve("lima-version"), "2.1.4\n");

        // The default grace period (3 min 10 s) only bounds the wait: the stop returns once alpha exits.
        Cli.Result r = Cli.run("stop", "--json", "--lima-home", home.toString(), "alpha", "charlie");

        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> reports = reportsByInstance(onlyJsonDocument(r.out()));
        assertEquals(List.of("alpha", "charlie"), new ArrayList<>(reports.keySet()));

        JsonNode alpha = reports.get("alpha");
        assertEquals("STOPPED_GRACEFULLY", alpha.get("outcome").asText());
        assertEquals("SUCCEEDED", status(alpha, "interrupt-host-agent"));
        assertEquals("SUCCEEDED", status(alpha, "await-graceful-exit"));
        assertTrue(alpha.toString().contains("the host agent logged its clean exit"), "as Lima's agent, the stand-in"
                + " logs its exiting event and the report says so: " + alpha);
        assertEquals("SUCCEEDED", status(alpha, "unlock-disks"));
        assertEquals("SUCCEEDED", status(alpha, "remove-stale-files"));
        assertFalse(hasStep(alpha, "kill-host-agent"), alpha.toString());
        assertTrue(alpha.get("elapsedMillis").isIntegralNumber());
        assertFalse(Files.exists(home.resolve("_disks/data/in_use_by"), LinkOption.NOFOLLOW_LINKS), "lock released");
        assertTrue(Files.exists(home.resolve("_disks/data/datadisk")), "the disk itself stays");

        JsonNode charlie = reports.get("charlie");
        assertEquals("ALREADY_STOPPED", charlie.get("outcome").asText());
        assertEquals("2.1.4", charlie.get("limaVersion").asText(), "the Lima that created it, from lima-version");
        assertTrue(alpha.get("limaVersion").isNull(), "no lima-version file: null");
        assertFalse(hasStep(charlie, "interrupt-host-agent"), charlie.toString());
        assertEquals("SUCCEEDED", status(charlie, "remove-stale-files"));

        assertStepFields(reports);
        assertEquals(List.of(), homes.processes.aliveAfter(Duration.ofSeconds(5)));
        for (String name : List.of("alpha", "charlie")) {
            assertOnlyStaleFilesRemoved(name);
        }
        assertFalse(r.err().contains("{"), "no JSON on stderr: " + r.err());
    }

    @Test
    void jsonReportsAStubbornInstanceForcedAfterTheGracePeriod() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("bravo", VmType.QEMU));

        Cli.Result r = Cli.run("stop", "--json", "--grace", "300ms", "--lima-home", home.toString(), "bravo");

        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> reports = reportsByInstance(onlyJsonDocument(r.out()));
        JsonNode bravo = reports.get("bravo");
        assertEquals("STOPPED_FORCIBLY", bravo.get("outcome").asText());
        assertEquals("SUCCEEDED", status(bravo, "interrupt-host-agent"));
        assertEquals("TIMED_OUT", status(bravo, "await-graceful-exit"));
        assertEquals("SUCCEEDED", status(bravo, "kill-driver"));
        assertEquals("SUCCEEDED", status(bravo, "kill-host-agent"));
        assertEquals("SUCCEEDED", status(bravo, "remove-stale-files"));
        for (JsonNode step : bravo.get("steps")) {
            if (step.get("step").asText().equals("kill-host-agent")) {
                assertTrue(step.get("pid").isIntegralNumber(), "the killed process's PID is in its own field: " + step);
            }
            if (step.get("step").asText().equals("remove-stale-files")) {
                assertTrue(step.get("pid").isNull(), "a step about no single process has no PID: " + step);
            }
        }
        assertStepFields(reports);
        assertEquals(List.of(), homes.processes.aliveAfter(Duration.ofSeconds(5)));
        assertOnlyStaleFilesRemoved("bravo");
    }

    @Test
    void gracefulOnlyLeavesAStubbornAgentRunningAndExitsWithOne() throws Exception {
        SimulatedLimaHome simulated = homes.create(home, SimulatedInstance.stubborn("delta", VmType.VZ));

        Cli.Result r = Cli.run("stop", "--graceful-only", "--grace", "300ms", "--lima-home", home.toString(), "delta");

        assertEquals(1, r.exitCode(), r.out() + r.err());
        // Not a terminal: one plain line per event, then the summary with why it failed.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("delta\\s+interrupt-host-agent\\s+.*PID \\d+.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("delta\\s+FAILED\\s+.*")), r.out());
        assertTrue(r.out().contains("! await-graceful-exit TIMED_OUT"), r.out());
        assertEquals(1, homes.processes.alive().size(), "graceful only must not kill: " + simulated.instances());
        assertTrue(Files.exists(home.resolve("delta").resolve("ha.pid")), "files of a running instance stay");
    }

    @Test
    void forceSkipsTheInterrupt() throws Exception {
        homes.create(home, SimulatedInstance.graceful("echo", VmType.VZ, Duration.ZERO));

        Cli.Result r = Cli.run("stop", "--force", "--json", "--lima-home", home.toString(), "echo");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode echo = reportsByInstance(onlyJsonDocument(r.out())).get("echo");
        assertEquals("STOPPED_FORCIBLY", echo.get("outcome").asText());
        assertFalse(hasStep(echo, "interrupt-host-agent"), echo.toString());
        assertEquals("SUCCEEDED", status(echo, "kill-driver"));
        assertEquals(List.of(), homes.processes.aliveAfter(Duration.ofSeconds(5)));
    }

    @Test
    void withoutANameItStopsDefaultAsLimactlStopDoes() throws Exception {
        homes.create(home, SimulatedInstance.graceful("default", VmType.QEMU, Duration.ZERO),
                SimulatedInstance.graceful("other", VmType.QEMU, Duration.ZERO));

        Cli.Result r = Cli.run("stop", "--json", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> reports = reportsByInstance(onlyJsonDocument(r.out()));
        assertEquals(List.of("default"), new ArrayList<>(reports.keySet()));
        assertEquals("STOPPED_GRACEFULLY", reports.get("default").get("outcome").asText());
        for (String pidFile : List.of("ha.pid", "qemu.pid")) {
            long pid = Long.parseLong(Files.readString(home.resolve("other").resolve(pidFile)).strip());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "other's " + pidFile + " runs");
        }
    }

    @Test
    void dashFIsForce() throws Exception {
        homes.create(home, SimulatedInstance.graceful("echo", VmType.QEMU, Duration.ZERO));

        Cli.Result r = Cli.run("stop", "-f", "--json", "--lima-home", home.toString(), "echo");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode echo = reportsByInstance(onlyJsonDocument(r.out())).get("echo");
        assertEquals("STOPPED_FORCIBLY", echo.get("outcome").asText());
        assertFalse(hasStep(echo, "interrupt-host-agent"), echo.toString());
    }

    @Test
    void aNameThatIsNoInstanceFailsTheCommandAfterTheOthersAreStopped() throws Exception {
        homes.create(home, SimulatedInstance.graceful("alpha", VmType.QEMU, Duration.ZERO));

        Cli.Result r = Cli.run("stop", "--json", "--lima-home", home.toString(), "nosuch", "alpha", "../etc");

        assertEquals(1, r.exitCode(), "limactl stop exits 1 for an instance it cannot inspect: " + r.err());
        Map<String, JsonNode> reports = reportsByInstance(onlyJsonDocument(r.out()));
        assertEquals("STOPPED_GRACEFULLY", reports.get("alpha").get("outcome").asText());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("lifecycle stop: ")).toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.get(0).contains("No Lima instance 'nosuch'"), errors.get(0));
        assertTrue(errors.get(1).contains("Invalid Lima instance name '../etc'"), errors.get(1));
        assertEquals(List.of(), homes.processes.aliveAfter(Duration.ofSeconds(5)));
    }

    @Test
    void aMissingLimaHomeFailsWithOneAsForLimactl() {
        Cli.Result r = Cli.run("stop", "--lima-home", home.resolve("missing").toString(), "a", "b");

        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), "said once, not once per name: " + r.err());
        assertTrue(r.err().startsWith("lifecycle stop: The Lima home " + home.resolve("missing") + " does not exist"),
                r.err());
    }

    @Test
    void durationsAreReadAsLimactlWritesThem() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("delta", VmType.VZ));

        Cli.Result r = Cli.run("stop", "--graceful-only", "--grace", "1.5s", "--kill-timeout", "PT5S",
                "--command-timeout", "1m30s", "--json", "--lima-home", home.toString(), "delta");

        assertEquals(1, r.exitCode(), r.err());
        JsonNode delta = reportsByInstance(onlyJsonDocument(r.out())).get("delta");
        JsonNode await = null;
        for (JsonNode step : delta.get("steps")) {
            if (step.get("step").asText().equals("await-graceful-exit")) {
                await = step;
            }
        }
        assertTrue(await != null && await.get("message").asText().contains("grace period of 1500 ms expired"),
                delta.toString());
    }

    @Test
    void dryRunPrintsThePlanAndTouchesNothing() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("planned", VmType.QEMU).withDisk("data"));
        Path dir = home.resolve("planned");
        long agent = Long.parseLong(Files.readString(dir.resolve("ha.pid")).strip());
        List<String> before;
        try (var entries = Files.list(dir)) {
            before = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }

        Cli.Result text = Cli.run("stop", "--dry-run", "--lima-home", home.toString(), "planned");
        Cli.Result json = Cli.run("stop", "--dry-run", "--json", "-f", "--lima-home", home.toString(), "planned");

        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("planned: dry run (GRACEFUL_THEN_FORCED, grace 190000 ms); nothing was"
                + " signalled or removed"), text.out());
        assertTrue(text.out().contains("process PID " + agent + " host agent (ha.pid): RUNNING"), text.out());
        assertTrue(text.out().contains("always            interrupt-host-agent PID " + agent), text.out());
        assertTrue(text.out().contains("if grace expires  kill-driver PID "), text.out());
        assertTrue(text.out().contains("would remove: ha.pid, ha.sock, qemu.pid, " + SimulatedLimaHome.STALE_TMP_FILE),
                text.out());
        assertTrue(text.out().contains("would release: " + home.resolve("_disks/data/in_use_by")), text.out());

        assertEquals(0, json.exitCode(), json.err());
        JsonNode plan = JSON.readTree(json.out()).get("plans").get(0);
        assertEquals("FORCED_ONLY", plan.get("mode").asText(), "-f plans the forced stop");
        assertEquals(List.of("instance", "mode", "graceMillis", "processes", "steps", "filesToRemove",
                "locksToRelease", "kept"), fieldNames(plan));
        for (JsonNode p : plan.get("processes")) {
            assertEquals("RUNNING", p.get("verdict").asText(), p.toString());
        }
        assertEquals("kill-driver", plan.get("steps").get(0).get("step").asText(), plan.toString());

        assertEquals(2, homes.processes.alive().size(), "nothing was signalled: " + homes.processes.alive());
        try (var entries = Files.list(dir)) {
            assertEquals(before, entries.map(p -> p.getFileName().toString()).sorted().toList(), "nothing was removed");
        }
        assertTrue(Files.isSymbolicLink(home.resolve("_disks/data/in_use_by")), "the lock stays");
    }

    @Test
    void anEndlessKillTimeoutIsRefusedBeforeAnythingIsSignalled() throws Exception {
        homes.create(home, SimulatedInstance.stubborn("golf", VmType.QEMU));
        int running = homes.processes.alive().size();

        Cli.Result r = Cli.run("stop", "--force", "--kill-timeout", "999999999m", "--lima-home", home.toString(), "golf");

        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--kill-timeout 999999999m is too long"), r.err());
        assertEquals("", r.out());
        assertEquals(2, running, "agent and driver were running");
        assertEquals(running, homes.processes.alive().size(), "nothing was killed: " + homes.processes.alive());
        assertTrue(Files.exists(home.resolve("golf").resolve("ha.pid")), "nothing was removed");
    }

    @Test
    void allStopsEveryInstanceOfTheHome() throws Exception {
        for (String name : List.of("one", "two")) {
            Files.createDirectories(home.resolve(name));
            Files.writeString(home.resolve(name).resolve("lima.yaml"), "vmType: qemu\n");
            Files.writeString(home.resolve(name).resolve("leftover.tmp"), "");
        }
        Files.createDirectories(home.resolve("_disks"));

        Cli.Result r = Cli.run("stop", "--all", "--json", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        Map<String, JsonNode> reports = reportsByInstance(onlyJsonDocument(r.out()));
        assertEquals(List.of("one", "two"), new ArrayList<>(reports.keySet()));
        reports.values().forEach(rep -> assertEquals("ALREADY_STOPPED", rep.get("outcome").asText()));
        assertFalse(Files.exists(home.resolve("one").resolve("leftover.tmp")));
    }

    @Test
    void allLeavesADirectoryWithoutLimaYamlAloneAndSaysSo() throws Exception {
        Files.createDirectories(home.resolve("vm"));
        Files.writeString(home.resolve("vm").resolve("lima.yaml"), "vmType: qemu\n");
        Files.writeString(home.resolve("vm").resolve("leftover.tmp"), "");
        Path projects = Files.createDirectories(home.resolve("projects"));
        Files.writeString(projects.resolve("build.tmp"), "work in progress");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(projects.resolve("app.sock")));

            Cli.Result r = Cli.run("stop", "--all", "--json", "--lima-home", home.toString());

            assertEquals(0, r.exitCode(), r.err());
            assertEquals(List.of("vm"), new ArrayList<>(reportsByInstance(onlyJsonDocument(r.out())).keySet()));
            assertFalse(Files.exists(home.resolve("vm").resolve("leftover.tmp")), "the instance was cleaned");
            assertTrue(Files.exists(projects.resolve("build.tmp")), "a file of a non-instance survives");
            assertTrue(Files.exists(projects.resolve("app.sock"), LinkOption.NOFOLLOW_LINKS), "its socket survives");
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(projects.resolve("app.sock")))) {
                assertTrue(client.isConnected(), "and still listens");
            }
            assertEquals("Left alone, not Lima instances (no lima.yaml): projects", r.err().strip());
        }
    }

    @Test
    void namingADirectoryWithoutLimaYamlIsAClearErrorAndTouchesNothing() throws Exception {
        Path projects = Files.createDirectories(home.resolve("projects"));
        Files.writeString(projects.resolve("build.tmp"), "");

        Cli.Result r = Cli.run("stop", "--lima-home", home.toString(), "projects");

        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(projects + " has no lima.yaml, so it is not a Lima instance; nothing in it is read,"
                + " stopped or removed"), r.err());
        assertTrue(Files.exists(projects.resolve("build.tmp")));
    }

    @Test
    void aHomeWithoutAnyInstanceGetsOneLineAndNothingIsTouched() throws Exception {
        Path projects = Files.createDirectories(home.resolve("projects"));
        Files.writeString(projects.resolve("build.tmp"), "");
        Files.writeString(projects.resolve("server.pid"), "999999\n");

        Cli.Result r = Cli.run("stop", "--all", "--lima-home", home.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("No Lima instances in " + home + ": none of its directories (projects) has a lima.yaml, so"
                + " nothing was stopped or removed. Is it the directory that holds your Lima instances (--lima-home,"
                + " LIMA_HOME)?"), r.out().lines().toList());
        assertTrue(Files.exists(projects.resolve("build.tmp")) && Files.exists(projects.resolve("server.pid")));
    }

    @Test
    void namesFromLimaHomeEnvironmentVariable() throws Exception {
        Files.createDirectories(home.resolve("fox"));
        Files.writeString(home.resolve("fox").resolve("lima.yaml"), "vmType: qemu\n");

        Cli.Result r = Cli.run(Map.of("LIMA_HOME", home.toString()), Path.of("/nonexistent-user-home"),
                "stop", "fox");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("fox\\s+ALREADY_STOPPED\\s+.*")), r.out());
    }

    private static void assertStepFields(Map<String, JsonNode> reports) {
        for (JsonNode report : reports.values()) {
            for (JsonNode step : report.get("steps")) {
                assertEquals(List.of("step", "status", "millis", "pid", "message"), fieldNames(step));
                assertTrue(step.get("millis").isIntegralNumber(), step.toString());
                assertTrue(step.get("pid").isNull() || step.get("pid").isIntegralNumber(), step.toString());
                assertFalse(step.get("message").asText().contains("instance " + report.get("instance").asText()),
                        "the instance is in its own field, not repeated in the message: " + step);
                assertFalse(step.get("message").asText().isBlank(), step.toString());
            }
        }
    }

    private void assertOnlyStaleFilesRemoved(String name) {
        Path dir = home.resolve(name);
        for (String gone : List.of("ha.pid", "ha.sock", SimulatedLimaHome.STALE_TMP_FILE)) {
            assertFalse(Files.exists(dir.resolve(gone), LinkOption.NOFOLLOW_LINKS), name + ": " + gone + " should be removed");
        }
        for (String kept : List.of("lima.yaml", "disk", "ha.stderr.log")) {
            assertTrue(Files.exists(dir.resolve(kept)), name + ": " + kept + " must stay");
        }
    }

    /** Parses stdout and fails if anything but one JSON document is there. */
    private static JsonNode onlyJsonDocument(String out) throws IOException {
        try (JsonParser parser = JSON.createParser(out)) {
            JsonNode doc = JSON.readTree(parser);
            assertNull(parser.nextToken(), "stdout holds more than one JSON document: " + out);
            assertEquals(List.of("reports"), fieldNames(doc));
            return doc;
        }
    }

    private static Map<String, JsonNode> reportsByInstance(JsonNode doc) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode report : doc.get("reports")) {
            assertEquals(List.of("instance", "limaVersion", "outcome", "elapsedMillis", "steps"), fieldNames(report));
            byName.put(report.get("instance").asText(), report);
        }
        return byName;
    }

    /** The status of the last step with that name. */
    private static String status(JsonNode report, String step) {
        String status = null;
        for (JsonNode s : report.get("steps")) {
            if (s.get("step").asText().equals(step)) {
                status = s.get("status").asText();
            }
        }
        assertTrue(status != null, "no step " + step + " in " + report);
        return status;
    }

    private static boolean hasStep(JsonNode report, String step) {
        for (JsonNode s : report.get("steps")) {
            if (s.get("step").asText().equals(step)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
