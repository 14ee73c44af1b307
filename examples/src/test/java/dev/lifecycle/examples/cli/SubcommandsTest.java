// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds the picocli models of the subcommands it needs, not all of them. */
class SubcommandsTest {

    private static List<Class<?>> needed(String... args) {
        return Subcommands.neededBy(args).stream().map(Subcommands.Entry::type).toList();
    }

    @Test
    void aCommandWordBuildsThatCommandOnly() {
        assertEquals(List.of(StopCommand.class), needed("stop", "--grace", "10s", "default"));
        assertEquals(List.of(ListCommand.class), needed("ls"), "the alias names it too");
        assertEquals(List.of(ListCommand.class), needed("--log-level", "debug", "list", "--json"),
                "the value of a top-level option is not the command word");
        assertEquals(List.of(StopCommand.class), needed("--debug", "--", "stop"));
        assertEquals(List.of(SimulateAgentCommand.class), needed(SimulateAgentCommand.NAME, "--exit-delay", "1s"));
    }

    @Test
    void versionAloneBuildsNoneAndEverythingElseBuildsAll() {
        assertEquals(List.of(), needed("--version"));
        assertEquals(List.of(), needed("--debug", "-V"));
        assertEquals(Subcommands.ALL.size(), needed().size(), "a missing command lists them all");
        assertEquals(Subcommands.ALL.size(), needed("--help").size());
        assertEquals(Subcommands.ALL.size(), needed("frobnicate").size(), "picocli suggests among them all");
        assertEquals(Subcommands.ALL.size(), needed("completion", "bash").size(), "completion covers the whole tree");
    }

    @Test
    void aRunOfOneCommandRegistersOnlyIt() {
        CliContext ctx = CliContext.of(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(),
                Path.of("/nonexistent-user-home"));
        CommandLine cli = LifecycleCli.commandLine(ctx, Subcommands.neededBy("stop", "x"));
        assertEquals(List.of("stop"), List.copyOf(cli.getSubcommands().keySet()));
        assertTrue(LifecycleCli.commandLine(ctx).getSubcommands().keySet().containsAll(List.of("list", "ls", "stop",
                "demo", "completion")));
    }

    @Test
    void versionWithoutAModelPrintsWhatPicocliPrints() {
        StringWriter fast = new StringWriter();
        StringWriter picocli = new StringWriter();
        Path home = Path.of("/nonexistent-user-home");
        int fastCode = LifecycleCli.run(CliContext.of(new PrintWriter(fast, true), new PrintWriter(new StringWriter()),
                Map.of(), home), "--version");
        int picocliCode = LifecycleCli.commandLine(CliContext.of(new PrintWriter(picocli, true),
                new PrintWriter(new StringWriter()), Map.of(), home)).execute("--version");
        assertEquals(0, fastCode);
        assertEquals(picocliCode, fastCode);
        assertEquals(picocli.toString(), fast.toString());
        assertTrue(fast.toString().startsWith("lifecycle "), fast.toString());
    }
}
