// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.api.VmType;
import dev.lifecycle.examples.demo.SimulatedInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --wsl-exe} reaches the WSL2 extension (as its {@code executable} setting): the
 * stand-in {@code wsl.exe} it names is the one that runs.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in wsl.exe is a POSIX sh script")
class WslExeOptionTest {

    @TempDir
    Path home;
    @TempDir
    Path bin;

    private final SimulatedHomes homes = new SimulatedHomes();

    @AfterEach
    void killLeftovers() {
        homes.close();
    }

    @Test
    void theNamedWslExeChecksTheDistroOfAWsl2Instance() throws Exception {
        homes.create(home, SimulatedInstance.crashed("delta", VmType.WSL2));
        Path calls = bin.resolve("calls.txt");
        Path wsl = bin.resolve("my-wsl.exe");
        // No distro runs: --list --running --quiet prints nothing and succeeds.
        Files.writeString(wsl, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexit 0\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(wsl, PosixFilePermissions.fromString("rwx------"));

        Cli.Result r = Cli.run("stop", "--json", "--wsl-exe", wsl.toString(), "--lima-home", home.toString(), "delta");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out()).get("reports").get(0);
        assertEquals("ALREADY_STOPPED", report.get("outcome").asText(), report.toString());
        JsonNode terminate = null;
        for (JsonNode step : report.get("steps")) {
            if (step.get("step").asText().equals("terminate-distro")) {
                terminate = step;
            }
        }
        assertTrue(terminate != null, "the WSL2 extension ran: " + report);
        // SKIPPED: the stand-in listed no running distro. Without it, wsl.exe could not start: FAILED.
        assertEquals("SKIPPED", terminate.get("status").asText(), terminate.toString());
        assertEquals("--list --running --quiet\n", Files.readString(calls, StandardCharsets.US_ASCII));
    }
}
