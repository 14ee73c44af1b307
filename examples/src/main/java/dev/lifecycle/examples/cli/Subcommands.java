// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The subcommands of the CLI, and which of them a command line needs. picocli builds a
 * command's model by reflecting over every option of its class, and that was most of a
 * short command's start: a JVM that runs one command builds only that one. Help, a missing
 * or unknown command word (picocli lists or suggests the others) and shell completion
 * build them all; {@code --version} alone builds none.
 */
final class Subcommands {

    /**
     * One subcommand: its class, whose {@link Command} annotation names it, and how to make it.
     *
     * @param type the command class
     * @param factory makes the command object for a context
     */
    record Entry(Class<?> type, Function<CliContext, Object> factory) {
        /** Validates that nothing is null and that the class is a command. */
        Entry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(factory, "factory");
            Objects.requireNonNull(type.getAnnotation(Command.class), type + " is not a @Command");
        }

        /** @return whether a command word names this subcommand (its name or an alias) */
        boolean isNamed(String word) {
            Command c = type.getAnnotation(Command.class);
            return c.name().equals(word) || List.of(c.aliases()).contains(word);
        }
    }

    /** Every subcommand, in the order help lists them. */
    static final List<Entry> ALL = List.of(
            new Entry(ListCommand.class, ListCommand::new),
            new Entry(StopCommand.class, StopCommand::new),
            new Entry(DemoCommand.class, DemoCommand::new),
            new Entry(CompletionCommand.class, CompletionCommand::new),
            new Entry(SimulateAgentCommand.class, SimulateAgentCommand::new));

    /** The top-level options that take a value, so that the value is not taken for the command word. */
    private static final List<String> VALUE_OPTIONS = List.of("--log-level");

    private Subcommands() {
    }

    /**
     * @param args the command line
     * @return the subcommands its parsing and running need
     */
    static List<Entry> neededBy(String... args) {
        String word = null;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                word = i + 1 < args.length ? args[i + 1] : null;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                word = arg;
                break;
            }
            if (VALUE_OPTIONS.contains(arg)) {
                i++;
            }
            version |= arg.equals("-V") || arg.equals("--version");
        }
        if (word == null) {
            return version ? List.of() : ALL;
        }
        for (Entry e : ALL) {
            // Completion writes a script for the whole tree.
            if (e.isNamed(word) && e.type() != CompletionCommand.class) {
                return List.of(e);
            }
        }
        return ALL;
    }

    /**
     * Adds subcommands to a command line.
     *
     * @param cli the top-level command line
     * @param ctx the context the commands run in
     * @param entries the subcommands to add
     */
    static void register(CommandLine cli, CliContext ctx, List<Entry> entries) {
        for (Entry e : entries) {
            cli.addSubcommand(e.factory().apply(ctx));
        }
    }
}
