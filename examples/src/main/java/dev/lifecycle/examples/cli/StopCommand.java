package dev.lifecycle.examples.cli;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StopMode;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.api.StopReport;
import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaHomeException;
import dev.lifecycle.core.LimaInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
 * back on its own — every named instance (or all) at once, against one deadline.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = {"lifecycle stop [--force | --graceful-only] [--grace DURATION] [--kill-timeout DURATION]",
            "               [--command-timeout DURATION] [--wsl-exe PATH] [--lima-home DIR] [--json]",
            "               (--all | NAME...)"},
        description = {"Stops instances, all at once against one deadline. The steps, as the output names them:"
                + " identify (prove each recorded PID is still the instance's process), interrupt-host-agent,"
                + " await-graceful-exit (up to --grace); then Lima's forced sequence on what is left, each exit"
                + " confirmed: kill-driver, the VM type's own step (WSL2: terminate-distro), stop-driver-servers,"
                + " unlock-disks, kill-host-agent, remove-stale-files. After a graceful exit the VM type's check"
                + " (WSL2: confirm-distro-stopped) runs before unlock-disks and remove-stale-files.",
            "", "Durations: a whole number with ms, s or m, e.g. 500ms, 30s, 2m."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every instance ended stopped", "1:an instance could not be stopped (FAILED)",
            "2:usage error: unknown option or instance, bad duration, missing Lima home",
            "3:every instance ended stopped, but the output could not be written (stderr says why)"})
final class StopCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    private CommandSpec spec;

    @Option(names = "--force", description = "Skip the interrupt: run the forced sequence at once (limactl stop -f).")
    private boolean force;

    @Option(names = "--graceful-only",
            description = "Interrupt and wait, nothing more: an instance still running after the grace period is FAILED.")
    private boolean gracefulOnly;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the processes after the interrupt. Default: 190s (3 min 10 s,"
                    + " what limactl stop waits while QEMU powers the guest off); shorter can kill a guest"
                    + " that is still shutting down.")
    private Duration grace;

    @Option(names = "--kill-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for a killed process to disappear. Default: 10s.")
    private Duration killTimeout;

    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for every external command such as wsl.exe. Default: 30s.")
    private Duration commandTimeout;

    @Option(names = "--wsl-exe", paramLabel = "PATH",
            description = "The wsl.exe to use for WSL2 instances. Default: wsl.exe on the PATH.")
    private Path wslExe;

    @Mixin
    private LimaHomeOption limaHome;

    @Option(names = "--json", description = "Print exactly one JSON document with every report, and nothing else, on stdout.")
    private boolean json;

    @Option(names = "--all", description = "Stop every instance of the Lima home.")
    private boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The instances to stop.")
    private List<String> names = new ArrayList<>();

    StopCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StopOptions options = options();
        List<Instance> instances = instances();
        if (instances.isEmpty()) {
            if (json) {
                StopExecution.run(instances, options, Optional.ofNullable(wslExe), Optional.empty(), OutputStyle.JSON,
                        ctx);
            } else {
                ctx.out().println("No instances to stop.");
                ctx.out().flush();
            }
            return ExitCodes.OK;
        }
        List<StopReport> reports = StopExecution.run(instances, options, Optional.ofNullable(wslExe), Optional.empty(),
                OutputStyle.choose(json, ctx.terminal()), ctx);
        return ExitCodes.of(reports);
    }

    private StopOptions options() {
        if (force && gracefulOnly) {
            throw usage("--force and --graceful-only exclude each other: give one of them, or neither for graceful-then-forced");
        }
        if (!all && names.isEmpty()) {
            throw usage("Name the instances to stop, or give --all to stop every instance");
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

    private List<Instance> instances() {
        try {
            LimaHome home = limaHome.resolve(ctx);
            List<Instance> instances = new ArrayList<>();
            if (all) {
                home.list().stream().map(LimaInstance::instance).forEach(instances::add);
            } else {
                for (String name : new LinkedHashSet<>(names)) {
                    instances.add(home.read(name).instance());
                }
            }
            return instances;
        } catch (LimaHomeException | IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
