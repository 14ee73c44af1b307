// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.examples.demo.SimulatedInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real terminal or a fresh JVM shows: the live view sized by the terminal
 * itself and counting down the grace period, {@code --log-level} and {@code --debug}
 * (read before the first logger exists), and {@code completion}.
 */
class TerminalAndLoggingTest {

    private static final Pattern COUNTDOWN = Pattern.compile("forced in (\\d+:\\d\\d)");

    @TempDir
    Path home;

    @TempDir
    Path outputs;

    private final SimulatedHomes homes = new SimulatedHomes();

    @AfterEach
    void killLeftovers() {
        homes.close();
    }

    /**
     * Under {@code script}, stdout is a pseudo-terminal set to 80 columns while
     * {@code COLUMNS} says 200: the live lines are cut at the terminal's 80, and the line of
     * the instance that ignores the interrupt counts down to its forced stop.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theLiveViewFitsTheTerminalItselfAndCountsDown() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) makes the pseudo-terminal");
        homes.create(home, SimulatedInstance.stubborn("a-stubborn-instance", VmType.QEMU));
        String cli = ChildCli.command(List.of(), "stop", "--grace", "3s", "--lima-home", home.toString(),
                "a-stubborn-instance").command().stream().map(TerminalAndLoggingTest::quoted).collect(Collectors.joining(" "));
        Path out = outputs.resolve("terminal.txt");

        Process p = new ProcessBuilder("/usr/bin/script", "-qec", "stty cols 80 rows 24; COLUMNS=200 exec " + cli,
                "/dev/null").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();

        assertEquals(0, ChildCli.await(p), Files.readString(out, StandardCharsets.UTF_8));
        String terminal = Files.readString(out, StandardCharsets.UTF_8);
        List<String> liveLines = List.of(terminal.split("\r\u001b\\[2K", -1)).stream().skip(1)
                .map(s -> s.split("\r?\n", 2)[0]).toList();
        assertFalse(liveLines.isEmpty(), terminal);
        for (String line : liveLines) {
            assertTrue(line.length() <= 79, "a live line wider than the 80-column terminal: " + line);
        }
        assertTrue(liveLines.stream().anyMatch(l -> l.length() == 79 && l.endsWith("~")),
                "long lines are cut at the terminal's width, not at COLUMNS=200: " + liveLines);
        Set<String> countdown = new TreeSet<>();
        Matcher m = COUNTDOWN.matcher(terminal);
        while (m.find()) {
            countdown.add(m.group(1));
        }
        assertTrue(countdown.size() >= 2, "the countdown moves: " + countdown);
        assertTrue(terminal.contains("STOPPED_FORCIBLY"), terminal);
    }

    @Test
    void debugAndLogLevelSetTheLoggingAsLimactlsFlagsDo() throws Exception {
        Files.createDirectories(home.resolve("default"));
        Files.writeString(home.resolve("default").resolve("lima.yaml"), "vmType: qemu\n");
        String h = home.toString();

        ChildCli.Result quiet = ChildCli.run(outputs, List.of(), "list", "--lima-home", h);
        ChildCli.Result debugFirst = ChildCli.run(outputs, List.of(), "--debug", "list", "--lima-home", h);
        ChildCli.Result debugAfter = ChildCli.run(outputs, List.of(), "list", "--lima-home", h, "--log-level", "debug");
        ChildCli.Result levelWins = ChildCli.run(outputs, List.of(), "list", "--log-level", "info", "--debug",
                "--lima-home", h);

        assertEquals(0, quiet.exitCode(), quiet.err());
        assertFalse(quiet.err().contains("[DEBUG]"), quiet.err());
        assertTrue(debugFirst.err().contains("[DEBUG] InstanceDirectoryReader - Lima instance 'default': STOPPED"),
                debugFirst.err());
        assertTrue(debugAfter.err().contains("[DEBUG]"), "an inherited option works after the command too");
        assertFalse(levelWins.err().contains("[DEBUG]"), "--log-level wins over --debug: " + levelWins.err());
        assertEquals(quiet.out(), debugFirst.out(), "logs never reach stdout");
    }

    @Test
    void completionPrintsPicocliBashScriptForTheWholeCommandTree() {
        Cli.Result r = Cli.run("completion", "bash");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
        assertTrue(r.out().contains("complete -F _complete_lifecycle"), "registers the completion function");
        assertTrue(r.out().contains("local commands=\"list ls stop demo completion\""), "every visible command");
        assertTrue(r.out().contains("--graceful-only"), "options of the subcommands");
        assertFalse(r.out().contains("simulate-agent"), "hidden commands stay hidden");
        assertEquals(r.out(), Cli.run("completion", "zsh").out(), "zsh runs the same script through bashcompinit");
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
