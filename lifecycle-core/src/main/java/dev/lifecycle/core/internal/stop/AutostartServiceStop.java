// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StepResult;
import dev.lifecycle.api.StepStatus;
import dev.lifecycle.api.Steps;
import dev.lifecycle.api.StopEvent;
import dev.lifecycle.core.StartAtLogin;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Stops an instance that was started at login through its service manager, before anything
 * is signalled: systemd restarts an agent that dies uncleanly ({@code Restart=on-failure}),
 * so a kill of ours would be undone at once. As in Lima ({@code autostart.RequestStop}), the
 * manager is asked only for a registered instance (its unit file or plist exists). The entry
 * is named after the instance only, and another Lima home may have an instance of the same
 * name: Lima asks the host agent over {@code ha.sock} which unit started it; here the manager
 * is asked which process the active service runs, and the service is stopped only if that is
 * this instance's host agent, whose identity the stop has proven. Whatever happens here, the
 * normal stop follows and checks what is left.
 */
final class AutostartServiceStop {

    /** The {@code ActiveState} of a unit that has (or is about to have) processes. */
    private static final Set<String> SYSTEMD_ACTIVE = Set.of("active", "activating", "deactivating", "reloading",
            "refreshing");

    private final Optional<StartAtLogin> manager;
    private final CommandRunner commands;

    AutostartServiceStop(Optional<StartAtLogin> manager, CommandRunner commands) {
        this.manager = manager;
        this.commands = commands;
    }

    /**
     * Stops the instance's service if one is registered, active and running this instance's
     * host agent, and records the step; an instance without a start-at-login entry gets no step.
     *
     * @param agentPid the instance's host agent, if it runs and its identity is proven
     * @param timeout the bound of each command
     * @return whether the service manager stopped the service
     */
    boolean stopIfManaged(Instance instance, OptionalLong agentPid, Duration timeout, StopRecorder recorder) {
        if (!registered(instance)) {
            return false;
        }
        StartAtLogin m = manager.get();
        String service = m.serviceName(instance.name());
        long start = System.nanoTime();
        CommandResult query = commands.run(m.activeQuery(instance.name()), Map.of(), timeout);
        String fallback = "stopping the processes directly; if " + name(m) + " starts the instance again, run `"
                + String.join(" ", m.stopCommand(instance.name())) + "`";
        if (query.status() != CommandResult.Status.COMPLETED) {
            recorder.add(StepResult.of(Steps.STOP_AUTOSTART_SERVICE, problem(query), ProcessKiller.since(start),
                    "could not ask " + name(m) + " whether " + service + " is active (`"
                            + String.join(" ", query.command()) + "` " + why(query, timeout) + "); " + fallback));
            return false;
        }
        Optional<String> inactive = inactive(m, query);
        if (inactive.isPresent()) {
            recorder.add(StepResult.of(Steps.STOP_AUTOSTART_SERVICE, StepStatus.SKIPPED, ProcessKiller.since(start),
                    service + " is registered (" + m.entryFile(instance.name()) + ") but " + inactive.get()
                            + ": nothing for " + name(m) + " to stop"));
            return false;
        }
        OptionalLong main = mainPid(m, query);
        if (main.isEmpty() || agentPid.isEmpty() || main.getAsLong() != agentPid.getAsLong()) {
            String runs = main.isEmpty() ? name(m) + " names no process it runs for it"
                    : "it runs PID " + main.getAsLong();
            String agent = agentPid.isEmpty() ? "this instance has no host agent running"
                    : "this instance's host agent is PID " + agentPid.getAsLong();
            String message = service + " is active, but " + runs + " and " + agent + ": it may be an instance of"
                    + " the same name in another Lima home, so " + name(m) + " is not asked to stop it; if it is this"
                    + " instance's, run `" + String.join(" ", m.stopCommand(instance.name())) + "`";
            recorder.add(agentPid.isPresent()
                    ? StepResult.of(Steps.STOP_AUTOSTART_SERVICE, StepStatus.REFUSED, ProcessKiller.since(start),
                            agentPid.getAsLong(), message)
                    : StepResult.of(Steps.STOP_AUTOSTART_SERVICE, StepStatus.REFUSED, ProcessKiller.since(start),
                            message));
            return false;
        }
        List<String> stop = m.stopCommand(instance.name());
        recorder.event(StopEvent.Type.SERVICE_STOP_REQUESTED, Steps.STOP_AUTOSTART_SERVICE, OptionalLong.empty(),
                "asking " + name(m) + " to stop " + service + ": " + String.join(" ", stop));
        CommandResult r = commands.run(stop, Map.of(), timeout);
        if (r.succeeded()) {
            recorder.add(StepResult.of(Steps.STOP_AUTOSTART_SERVICE, StepStatus.SUCCEEDED, ProcessKiller.since(start),
                    service + " stopped by " + name(m) + " (`" + String.join(" ", stop)
                            + "`), so it will not start the instance again"));
            return true;
        }
        recorder.add(StepResult.of(Steps.STOP_AUTOSTART_SERVICE, problem(r), ProcessKiller.since(start),
                "`" + String.join(" ", stop) + "` " + why(r, timeout) + "; " + fallback));
        return false;
    }

    /**
     * What {@link #stopIfManaged} would do, for a dry run: nothing is asked or run.
     *
     * @param instance the instance
     * @return the step's action, if the instance is registered to start at login
     */
    Optional<String> planned(Instance instance) {
        if (!registered(instance)) {
            return Optional.empty();
        }
        StartAtLogin m = manager.get();
        return Optional.of("ask " + name(m) + " whether " + m.serviceName(instance.name()) + " is active (`"
                + String.join(" ", m.activeQuery(instance.name())) + "`) and, if the process it runs is this"
                + " instance's host agent, stop it (`" + String.join(" ", m.stopCommand(instance.name()))
                + "`) before anything is signalled");
    }

    /** Lima's test ({@code autostart.RequestStop}): the instance's unit file or plist exists. */
    private boolean registered(Instance instance) {
        return manager.isPresent() && Files.exists(manager.get().entryFile(instance.name()));
    }

    /** Why the service counts as not active, if it does. */
    private static Optional<String> inactive(StartAtLogin m, CommandResult query) {
        if (m.manager() == StartAtLogin.Manager.LAUNCHD) {
            // launchctl print fails for a job that is not loaded in the domain.
            return query.exitCode() == 0 ? Optional.empty()
                    : Optional.of("launchd has no such job loaded (launchctl print exit code " + query.exitCode() + ")");
        }
        String state = property(query, "ActiveState").orElse("");
        if (SYSTEMD_ACTIVE.contains(state)) {
            return Optional.empty();
        }
        return Optional.of("the unit is " + (state.isEmpty() ? "in no state systemctl printed (exit code "
                + query.exitCode() + ")" : state));
    }

    /**
     * The process the service runs: systemd's {@code MainPID} (0 when none), launchd's
     * {@code pid = } line (absent when the job runs nothing).
     */
    private static OptionalLong mainPid(StartAtLogin m, CommandResult query) {
        Optional<String> pid = m.manager() == StartAtLogin.Manager.SYSTEMD ? property(query, "MainPID")
                : lines(query).stream().map(String::strip).filter(l -> l.startsWith("pid = "))
                        .map(l -> l.substring("pid = ".length()).strip()).findFirst();
        try {
            long n = Long.parseLong(pid.orElse("0"));
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // unreadable: no process to compare, so nothing is stopped
        }
    }

    /** A {@code Key=value} line of {@code systemctl show}. */
    private static Optional<String> property(CommandResult query, String key) {
        return lines(query).stream().filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1).strip()).findFirst();
    }

    private static List<String> lines(CommandResult query) {
        return new String(query.stdout(), StandardCharsets.UTF_8).lines().toList();
    }

    private static StepStatus problem(CommandResult r) {
        return r.status() == CommandResult.Status.TIMED_OUT ? StepStatus.TIMED_OUT : StepStatus.FAILED;
    }

    private static String why(CommandResult r, Duration timeout) {
        return switch (r.status()) {
            case TIMED_OUT -> "did not finish within " + timeout.toMillis() + " ms and was killed";
            case FAILED_TO_START -> "could not be started: " + r.failure();
            case COMPLETED -> "failed with exit code " + r.exitCode()
                    + (firstLine(r.stderr()).isEmpty() ? "" : ": " + firstLine(r.stderr()));
        };
    }

    private static String name(StartAtLogin m) {
        return m.manager() == StartAtLogin.Manager.SYSTEMD ? "systemd" : "launchd";
    }

    private static String firstLine(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8).strip();
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }
}
