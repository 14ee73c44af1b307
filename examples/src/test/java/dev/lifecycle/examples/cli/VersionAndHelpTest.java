// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.StopOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --version} and {@code --help} on every command. */
class VersionAndHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "stop", "demo", "completion"})
    void versionNamesTheProjectVersionAndTheProcessControl(String command) {
        Cli.Result r = command.isEmpty() ? Cli.run("--version") : Cli.run(command, "--version");

        assertEquals(0, r.exitCode(), r.err());
        String first = r.out().lines().findFirst().orElse("");
        assertTrue(first.matches("lifecycle \\d+\\.\\d+\\.\\d+.*"), first);
        assertTrue(r.out().contains("process control: "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "stop", "demo", "completion"})
    void helpShowsUsage(String command) {
        Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Usage: lifecycle" + (command.isEmpty() ? "" : " " + command)), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--grace", "--kill-timeout", "--command-timeout", "-f, --force", "--graceful-only",
        "--lima-home", "--json", "--all", "--wsl-exe", "--log-level", "--debug", "--dry-run", "1m30s", "Exit codes"})
    void stopHelpDocumentsEveryOption(String text) {
        assertTrue(Cli.run("stop", "--help").out().contains(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-f, --format", "--json", "-q, --quiet", "--list-fields", "--all-fields", "--lima-home",
        "INSTANCE", "Exit codes"})
    void listHelpDocumentsEveryOption(String text) {
        assertTrue(Cli.run("list", "--help").out().contains(text), text);
    }

    @Test
    void stopHelpGivesLimasOwnWaitAsTheDefaultGracePeriod() {
        String help = Cli.run("stop", "--help").out();
        assertTrue(help.contains("Default: 3m10s,"), help);
        assertEquals(Duration.ofSeconds(190), StopOptions.defaults().gracePeriod(), "the library default the CLI uses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list, ls ", "stop ", "demo ", "completion "})
    void topLevelHelpListsTheCommandsButNotTheHiddenOne(String command) {
        String help = Cli.run("--help").out();
        assertTrue(help.contains("  " + command), help);
        assertTrue(!help.contains("simulate-agent"), help);
    }
}
