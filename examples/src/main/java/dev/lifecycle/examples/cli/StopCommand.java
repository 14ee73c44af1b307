// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaHomeException;
import dev.lifecycle.core.LimaInstance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lifecycle stop}: a drop-in for {@code limactl stop} / {@code stop -f} that falls
 * back on its own — every named instance ({@code default} when none is named, or all) at
 * once, against one deadline. As for limactl (upstream {@code cmd/limactl/stop.go}), a name
 * that is no instance fails the command with exit code 1 after the others were stopped.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = {"lifecycle stop [-f | --force | --graceful-only] [--grace DURATION] [--kill-timeout DURATION]",
            "               [--command-timeout DURATION] [--wsl-exe PATH] [--lima-home DIR] [--json] [--dry-run]",
            "               [--all | NAME...]"},
        description = {"Stops instances, all at once against one deadline. The steps, as the output names them:"
                + " identify (prove each recorded PID is still the instance's process), stop-autostart-service"
                + " (an instance started at login: systemctl --user stop / launchctl bootout), interrupt-host-agent"
                + " (or, with the agent gone, powerdown-vm: QMP system_powerdown for QEMU, interrupt-driver for"
                + " another driver), await-graceful-exit (up to --grace); then Lima's forced sequence on what is"
                + " left, each exit confirmed: kill-driver, the VM type's own step (WSL2: terminate-distro),"
                + " stop-driver-servers, unlock-disks, kill-host-agent, stop-socket-holders (ssh ControlMaster,"
                + " virtiofsd, swtpm left on the instance's sockets), remove-stale-files. After a graceful exit the"
                + " VM type's check (WSL2: confirm-distro-stopped) runs before unlock-disks. A lock, helper or file"
                + " left behind makes the instance FAILED (exit 1), with how to remove it. Last,"
                + " stop-network-daemons: the usernet/socket_vmnet daemons the stopped instances used and no"
                + " running instance uses any more, as limactl stop does.",
            "", "Durations as limactl and Go write them, or ISO-8601: 500ms, 30s, 2m, 1m30s, 1h, 1.5s, PT30S."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every instance ended stopped",
            "1:an instance could not be stopped (FAILED), or a NAME is no instance or the Lima home does not exist"
                + " (as for limactl; the others are stopped)",
            "2:usage error: unknown option, bad duration",
            "3:every instance ended stopped, but the output could not be written (stderr says why)"})
final class StopCommand implements Callable<Integer> {

    /** The instance {@code limactl stop} stops when none is named. */
    static final String DEFAULT_INSTANCE = "default";

    private final CliContext ctx;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--force"},
            description = "Skip the interrupt: run the forced sequence at once (limactl stop -f).")
    private boolean force;

    @Option(names = "--graceful-only",
            description = "Interrupt and wait, nothing more: an instance still running after the grace period is FAILED.")
    private boolean gracefulOnly;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the processes after the interrupt. Default: 3m10s,"
                    + " what limactl stop waits while QEMU powers the guest off; shorter can kill a guest"
                    + " that is still shutting down.")
    private Duration grace;

    @Option(names = "--kill-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for a killed process to disappear. Default: 10s.")
    private Duration killTimeout;

    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for every external command such as wsl.exe. Default: 30s.")
    private Duration commandTimeout;

    @Mixin
    private WslExeOption wslExe;

    @Mixin
    private LimaHomeOption limaHome;

    @Option(names = "--json", description = "Print exactly one JSON document with every report, and nothing else, on stdout.")
    private boolean json;

    @Option(names = "--dry-run", description = "Print what the stop would do — each process with its identity verdict,"
            + " each step on its path, each file and disk lock it would remove, what it would keep — and do nothing:"
            + " nothing is signalled or removed.")
    private boolean dryRun;

    @Option(names = "--all", description = "Stop every instance of the Lima home. A directory without lima.yaml is"
            + " not an instance: it is left alone, and named.")
    private boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "The instances to stop. Default: " + DEFAULT_INSTANCE + ", as for limactl stop.")
    private List<String> names = new ArrayList<>();

    StopCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StopOptions options = options();
        Selection selected = instances(options);
        selected.notFound().forEach(this::error);
        // With --json, stdout carries the document only: notes go to stderr.
        PrintWriter notes = json ? ctx.err() : ctx.out();
        selected.misnamed().forEach(notes::println);
        int code;
        if (dryRun && (json || !selected.instances().isEmpty())) {
            StopExecution.plan(selected.instances(), options, wslExe, json, ctx);
            code = ExitCodes.OK;
        } else if (selected.instances().isEmpty()) {
            if (json) {
                StopExecution.run(List.of(), options, wslExe, Optional.empty(), OutputStyle.JSON,
                        ctx);
            }
            if (selected.notFound().isEmpty()) {
                notes.println(NonInstances.noInstances(selected.home().path(), selected.leftAlone(),
                        "nothing was stopped or removed"));
                notes.flush();
            }
            code = ExitCodes.OK;
        } else {
            if (!selected.leftAlone().isEmpty()) {
                notes.println(NonInstances.leftAlone(selected.leftAlone()));
                notes.flush();
            }
            code = ExitCodes.of(StopExecution.run(selected.instances(), options, wslExe,
                    Optional.empty(), OutputStyle.choose(json, ctx.terminal()), ctx));
        }
        // As limactl: an instance that is not there fails the command, after the others were stopped.
        return selected.notFound().isEmpty() ? code : ExitCodes.FAILED;
    }

    private StopOptions options() {
        if (force && gracefulOnly) {
            throw usage("--force and --graceful-only exclude each other: give one of them, or neither for graceful-then-forced");
        }
        if (all && !names.isEmpty()) {
            throw usage("Give either --all or instance names, not both");
        }
        requirePositive("--kill-timeout", killTimeout);
        requirePositive("--command-timeout", commandTimeout);
        requireRepresentable("--grace", grace);
        requireRepresentable("--kill-timeout", killTimeout);
        requireRepresentable("--command-timeout", commandTimeout);
        StopOptions.Builder b = StopOptions.builder()
                .mode(force ? StopMode.FORCED_ONLY : gracefulOnly ? StopMode.GRACEFUL_ONLY : StopMode.GRACEFUL_THEN_FORCED);
        if (grace != null) {
            b.gracePeriod(grace);
        }
        if (killTimeout != null) {
            b.killTimeout(killTimeout);
        }
        if (commandTimeout != null) {
            b.commandTimeout(commandTimeout);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void requirePositive(String option, Duration value) {
        if (value != null && value.isZero()) {
            throw usage(option + " must be above zero, e.g. 10s");
        }
    }

    /** Checked here too, so that the error names the option as the user typed it. */
    private void requireRepresentable(String option, Duration value) {
        if (value != null && value.compareTo(StopOptions.MAX_DURATION) > 0) {
            throw usage(option + " " + DurationConverter.format(value) + " is too long: at most "
                    + StopOptions.MAX_DURATION.toMinutes() + "m (about 292 years)");
        }
    }

    /**
     * The instances to stop, why each named one that cannot be stopped cannot (one line each),
     * and (with --all) the directories left alone because they are no instances: without
     * {@code lima.yaml}, or (one line each, saying why) with a name Lima refuses.
     */
    private record Selection(LimaHome home, List<Instance> instances, List<String> notFound, List<String> leftAlone,
                             List<String> misnamed) {
    }

    private Selection instances(StopOptions options) {
        LimaHome home;
        try {
            // Reading asks wsl.exe for a WSL2 distro's state, as limactl stop does: with the same wsl.exe and limit.
            home = wslExe.applyTo(limaHome.resolve(ctx)).withCommandTimeout(options.commandTimeout());
        } catch (LimaHomeException e) {
            throw usage(e.getMessage());
        }
        List<Instance> instances = new ArrayList<>();
        Set<String> notFound = new LinkedHashSet<>();
        if (all) {
            List<String> leftAlone = List.of();
            List<String> misnamed = List.of();
            if (Files.exists(home.path())) { // a Lima home not created yet holds nothing to stop
                try {
                    home.list().stream().map(LimaInstance::instance).forEach(instances::add);
                    leftAlone = home.nonInstanceDirectories();
                    misnamed = home.misnamedDirectories();
                } catch (LimaHomeException e) {
                    notFound.add(e.getMessage());
                }
            }
            return new Selection(home, instances, List.copyOf(notFound), leftAlone, misnamed);
        }
        for (String name : new LinkedHashSet<>(names.isEmpty() ? List.of(DEFAULT_INSTANCE) : names)) {
            try {
                instances.add(home.read(name).instance());
            } catch (LimaHomeException | IllegalArgumentException e) {
                notFound.add(e.getMessage()); // a missing Lima home is said once, not once per name
            }
        }
        return new Selection(home, instances, List.copyOf(notFound), List.of(), List.of());
    }

    private void error(String message) {
        ctx.err().println(spec.qualifiedName() + ": " + UsageErrorHandler.oneLine(message));
        ctx.err().flush();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
