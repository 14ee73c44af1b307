// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.core.LimaHome;
import dev.lifecycle.core.LimaHomeException;
import dev.lifecycle.core.LimaInstance;
import dev.lifecycle.examples.cli.view.InstanceJsonLines;
import dev.lifecycle.examples.cli.view.InstanceListTable;
import dev.lifecycle.examples.cli.view.InstanceTemplate;
import dev.lifecycle.examples.cli.view.ListedInstance;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lifecycle list} / {@code ls}: the instances of a Lima home, as {@code limactl list}
 * shows them — its table, {@code --json} lines, {@code -q} names and {@code --format}
 * templates, its warnings on stderr and its exit codes (upstream {@code cmd/limactl/list.go}).
 */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = "lifecycle list [--json | -f FORMAT | -q | --list-fields] [--all-fields] [--wsl-exe PATH]"
                + " [--command-timeout DURATION] [--lima-home DIR] [INSTANCE...]",
        description = {"Lists the instances of a Lima home as limactl list does: NAME STATUS SSH VMTYPE ARCH CPUS MEMORY"
                + " DISK DIR. STATUS is Lima's: Running, Stopped, Broken (what is wrong goes to stderr), and for WSL2"
                + " the distro's Installing or Uninitialized from wsl.exe --list --verbose. Reads only; nothing is"
                + " signalled or changed.",
            "", "Columns the instance directory does not tell this CLI (the guest's architecture, CPUs, memory, disk"
                + " and SSH port come from Lima's merged configuration and its running host agent) show what limactl"
                + " shows for an unknown value: empty, 0, 0B, 127.0.0.1:0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (also when the Lima home does not exist yet: there is nothing to list)",
            "1:an INSTANCE named matched no instance (the others are listed), or the Lima home cannot be read",
            "2:usage error", "3:the output could not be written (stderr says why)"})
final class ListCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "table (default), json, or a Go template such as '{{.Name}} {{.Status}}'"
                    + " ({{.Field}} and {{json .}} with text around them; --list-fields names the fields).")
    private String format;

    @Option(names = "--json", description = "Same as --format json: one JSON object per instance, one per line.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Only show names.")
    private boolean quiet;

    @Option(names = "--list-fields", description = "List the fields a --format template can use.")
    private boolean listFields;

    @Option(names = "--all-fields", description = "Show every column, even on a narrow terminal.")
    private boolean allFields;

    @Mixin
    private LimaHomeOption limaHome;

    @Mixin
    private WslExeOption wslExe;

    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Limit for every external command, such as wsl.exe asked for a WSL2 distro's state."
                    + " Default: 30s.")
    private Duration commandTimeout;

    @Parameters(paramLabel = "INSTANCE", arity = "0..*", description = "The instances to list. Default: all.")
    private List<String> names = new ArrayList<>();

    ListCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Optional<InstanceTemplate> template = checkOptions();
        if (listFields) {
            InstanceTemplate.fieldNames().forEach(ctx.out()::println);
            ctx.out().flush();
            return ExitCodes.OK;
        }
        LimaHome home = home();
        List<String> all;
        try {
            all = instanceNames(home);
        } catch (LimaHomeException e) {
            return failed(e.getMessage());
        }
        // Directories without lima.yaml are no instances: named on stderr, never read.
        List<String> others = Files.exists(home.path()) ? home.nonInstanceDirectories() : List.of();
        // Names Lima refuses (foo.yaml, a bad identifier): limactl list fails on them; we list the rest and say why.
        if (names.isEmpty() && Files.exists(home.path())) {
            home.misnamedDirectories().forEach(this::warn);
        }
        if (names.isEmpty() && all.isEmpty()) {
            warn(others.isEmpty() ? "No instance found in " + home.path() + ". Run `limactl create` to create an instance."
                    : NonInstances.noInstances(home.path(), others, "there is nothing to list"));
            return ExitCodes.OK;
        }
        if (names.isEmpty() && !others.isEmpty()) {
            warn(NonInstances.leftAlone(others));
        }

        boolean unmatched = false;
        List<String> selected = new ArrayList<>();
        for (String name : names.isEmpty() ? all : names) {
            if (all.contains(name)) {
                selected.add(name);
            } else {
                warn("No instance matching " + name + " found." + (others.contains(name)
                        ? " " + home.path().resolve(name) + " has no lima.yaml, so it is not a Lima instance." : ""));
                unmatched = true;
            }
        }
        if (quiet) {
            selected.forEach(ctx.out()::println);
            ctx.out().flush();
            return unmatched ? ExitCodes.FAILED : ExitCodes.OK;
        }
        List<ListedInstance> instances = new ArrayList<>();
        for (String name : selected) {
            Optional<LimaInstance> found = home.find(name);
            if (found.isEmpty()) {
                warn("Skipping instance " + name + ": its directory is gone (being cloned or deleted?)");
                unmatched |= !names.isEmpty();
                continue;
            }
            if (!found.get().problems().isEmpty()) {
                warn("instance " + name + " has errors: " + String.join("; ", found.get().problems()));
            }
            instances.add(ListedInstance.of(found.get()));
        }
        print(instances, template);
        return unmatched ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** limactl's option conflicts; a template is read here, so a bad one prints nothing. */
    private Optional<InstanceTemplate> checkOptions() {
        if (json && format != null) {
            throw usage("option --json conflicts with option --format");
        }
        if (listFields && format != null) {
            throw usage("option --list-fields conflicts with option --format");
        }
        String chosen = chosenFormat();
        if (quiet && !chosen.equals("table")) {
            throw usage("option --quiet can only be used with '--format table'");
        }
        switch (chosen) {
            case "table", "json":
                return Optional.empty();
            case "yaml":
                throw usage("--format yaml is not supported by this CLI; use --format json");
            default:
                try {
                    return Optional.of(InstanceTemplate.parse(chosen));
                } catch (IllegalArgumentException e) {
                    throw usage(e.getMessage());
                }
        }
    }

    private String chosenFormat() {
        return json ? "json" : format == null ? "table" : format;
    }

    /** The home, asking wsl.exe for a WSL2 distro's state with the chosen wsl.exe and limit, as limactl list does. */
    private LimaHome home() {
        LimaHome home;
        try {
            home = wslExe.applyTo(limaHome.resolve(ctx));
        } catch (LimaHomeException e) {
            throw usage(e.getMessage());
        }
        if (commandTimeout == null) {
            return home;
        }
        if (commandTimeout.isZero()) {
            throw usage("--command-timeout must be above zero, e.g. 10s");
        }
        try {
            return home.withCommandTimeout(commandTimeout);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** A Lima home that does not exist yet has no instances, as for limactl. */
    private static List<String> instanceNames(LimaHome home) {
        if (!Files.exists(home.path())) {
            return List.of();
        }
        return home.instanceNames();
    }

    private void print(List<ListedInstance> instances, Optional<InstanceTemplate> template) {
        if (template.isPresent()) {
            template.get().print(ctx.out(), instances);
        } else if (chosenFormat().equals("json")) {
            InstanceJsonLines.print(ctx.out(), instances);
        } else {
            OptionalInt width = ctx.terminal().interactive() ? OptionalInt.of(ctx.terminal().width()) : OptionalInt.empty();
            InstanceListTable.print(ctx.out(), instances, ctx.userHome(), width, allFields);
        }
    }

    private void warn(String message) {
        ctx.err().println(spec.qualifiedName() + ": " + message);
        ctx.err().flush();
    }

    private int failed(String message) {
        warn(message);
        return ExitCodes.FAILED;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
