// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.HostOs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code lifecycle}: stops Lima instances safely from the command line, and shows how with
 * a live demo. The entry point of {@code lifecycle-cli.jar}.
 *
 * <pre>
 * java -jar lifecycle-cli.jar demo
 * java -jar lifecycle-cli.jar list
 * java -jar lifecycle-cli.jar stop --grace 30s default
 * java -jar lifecycle-cli.jar stop --all --json
 * java -jar lifecycle-cli.jar completion bash
 * </pre>
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Stops Lima instances safely: graceful first, forced when it must, never a process"
                + " or file that is not the instance's.",
        footer = {"", "Logs go to stderr, warnings and errors by default; more with --log-level info or --debug."})
public final class LifecycleCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** What --log-level said, if given: it wins over --debug in any order, as for limactl. */
    private LogLevel logLevel;
    private boolean debug;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT, converter = LogLevel.Converter.class,
            description = "Set the logging level: trace, debug, info, warn, error. Default: warn.")
    private void logLevel(LogLevel level) {
        this.logLevel = level;
        applyLogLevel();
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Debug mode: log every step (--log-level debug).")
    private void debug(boolean on) {
        this.debug = on;
        applyLogLevel();
    }

    private LifecycleCli() {
    }

    /**
     * Runs the CLI and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (HostOs.current() == HostOs.LINUX && System.getProperty(JNA_LIBRARY_PATH) == null) {
            // The CLI loads only libc through JNA, which the dynamic linker finds by itself;
            // without this JNA collects its library directories by running `ldconfig -p`
            // on first use, a process start on every command that stops or lists.
            System.setProperty(JNA_LIBRARY_PATH, "");
        }
        System.exit(run(CliContext.system(), args));
    }

    /** JNA's list of directories to search for a library by name; set, JNA runs no ldconfig. */
    static final String JNA_LIBRARY_PATH = "jna.platform.library.path";

    /**
     * Runs the CLI in this JVM, for tests and embedding.
     *
     * @param ctx streams, environment and terminal
     * @param args the command line
     * @return the exit code: see {@link ExitCodes}
     */
    public static int run(CliContext ctx, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return printVersion(ctx);
        }
        return commandLine(ctx, Subcommands.neededBy(args)).execute(args);
    }

    /**
     * {@code --version} on its own parses nothing, so it builds no picocli model: that was
     * most of its start-up. The lines are those picocli prints for the option.
     */
    private static int printVersion(CliContext ctx) {
        for (String line : new VersionProvider().getVersion()) {
            ctx.out().println(line);
        }
        ctx.out().flush();
        return OutputCheckingStrategy.checked(ctx, "lifecycle", ExitCodes.OK);
    }

    /**
     * The command tree, wired to a context. Package-private so that tests can reach the
     * command objects after a run.
     *
     * @param ctx streams, environment and terminal
     * @return the command line, ready to execute
     */
    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, Subcommands.ALL);
    }

    /**
     * The command tree with only the given subcommands: a run builds the models it needs
     * ({@link Subcommands#neededBy}), not all of them.
     *
     * @param ctx streams, environment and terminal
     * @param subcommands the subcommands to add
     * @return the command line, ready to execute
     */
    static CommandLine commandLine(CliContext ctx, List<Subcommands.Entry> subcommands) {
        CommandLine cli = new CommandLine(new LifecycleCli());
        Subcommands.register(cli, ctx, subcommands);
        // Set after the subcommands are added: picocli hands these down to them.
        cli.setOut(ctx.out());
        cli.setErr(ctx.err());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new UnexpectedErrorHandler());
        cli.setExecutionStrategy(new OutputCheckingStrategy(ctx));
        return cli;
    }

    /** Set while the command line is read, before any command runs and creates a logger. */
    private void applyLogLevel() {
        if (logLevel != null) {
            logLevel.apply();
        } else if (debug) {
            LogLevel.DEBUG.apply();
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose list, stop, demo or completion");
    }
}
