// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.examples.demo.AgentBehaviour;
import dev.lifecycle.examples.demo.SimulatedAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lifecycle simulate-agent} (hidden): runs a {@link SimulatedAgent}, the stand-in for
 * a Lima host agent or VM driver that the demo and the tests launch as a real process.
 */
@Command(name = SimulateAgentCommand.NAME, hidden = true, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs a simulated Lima host agent (or, with no delay, a VM driver) for the demo and tests."
                + " Prints 'ready <pid>' once its signal handlers are installed.")
final class SimulateAgentCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "simulate-agent";

    private final CliContext ctx;

    @Option(names = "--name", paramLabel = "LABEL", defaultValue = "agent", description = "A label for its messages.")
    private String name;

    @Option(names = "--exit-delay", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0ms",
            description = "How long it takes to shut down after an interrupt. Default: ${DEFAULT-VALUE}.")
    private Duration exitDelay;

    @Option(names = "--ignore-interrupt", description = "Ignore interrupts, like a hung agent; only a kill ends it.")
    private boolean ignoreInterrupt;

    @Option(names = "--kill-on-exit", paramLabel = "PID",
            description = "A process to take down (politely, then wait for it) before exiting; repeatable.")
    private List<Long> killOnExit = new ArrayList<>();

    @Option(names = "--socket", paramLabel = "PATH", description = "A Unix domain socket to listen on, like ha.sock.")
    private Path socket;

    // Only on the command line, as Lima puts them there: they tell the stopper whose process this is.
    @Option(names = "--pidfile", paramLabel = "PATH", description = "The PID file it is recorded in, named on its"
            + " command line as Lima's host agent (--pidfile) and QEMU (-pidfile) name theirs; not written.")
    private Path pidFile;

    @Option(names = "--inst-dir", paramLabel = "DIR", description = "The instance directory, named on its command"
            + " line as Lima's external driver servers name it.")
    private Path instanceDir;

    @Option(names = "--event-log", paramLabel = "PATH",
            description = "Lima's ha.stdout.log: on a clean exit the agent appends its \"exiting\" event, as Lima's does.")
    private Path eventLog;

    @Option(names = "--exit-with-parent", description = "Exit when the process that started it exits.")
    private boolean exitWithParent;

    @Option(names = "--interrupt-event", paramLabel = "NAME",
            description = "Windows: also take this named event as the interrupt, as agents of hosts without a"
                    + " console do; {pid} stands for this process's PID.")
    private String interruptEvent;

    @Option(names = "--max-lifetime", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "Exit on its own after this long. Default: ${DEFAULT-VALUE}.")
    private Duration maxLifetime;

    SimulateAgentCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentBehaviour behaviour = new AgentBehaviour(name, exitDelay, ignoreInterrupt, killOnExit,
                Optional.ofNullable(socket), Optional.ofNullable(eventLog), exitWithParent, maxLifetime,
                Optional.ofNullable(interruptEvent));
        return new SimulatedAgent(behaviour, ctx.out(), ctx.err()).run();
    }
}
