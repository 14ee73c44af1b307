// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.HostOs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The service manager that starts Lima instances at login ({@code limactl start-at-login}),
 * and how the stopper talks to it. An instance it manages is stopped through it first,
 * because it would start the instance again the moment its agent dies: the systemd unit
 * Lima writes has {@code Restart=on-failure}.
 *
 * <ul>
 *   <li>systemd (Linux): the entry is {@code <entryDirectory>/lima-vm@<name>.service}
 *       (Lima writes it to {@code $XDG_CONFIG_HOME/systemd/user}, by default
 *       {@code ~/.config/systemd/user}); {@code systemctl --user show
 *       --property=ActiveState,MainPID} tells whether the unit is active ({@code active},
 *       {@code activating}, {@code deactivating}, {@code reloading} or {@code refreshing})
 *       and which process it runs; the stop is {@code systemctl --user stop lima-vm@<name>.service}.</li>
 *   <li>launchd (macOS): the entry is {@code <entryDirectory>/io.lima-vm.autostart.<name>.plist}
 *       (Lima writes it to {@code ~/Library/LaunchAgents}); active means
 *       {@code launchctl print gui/<uid>/io.lima-vm.autostart.<name>} succeeds (the job is
 *       loaded), and its {@code pid = } line names the process it runs; the stop is
 *       {@code launchctl bootout gui/<uid>/io.lima-vm.autostart.<name>}, exactly as
 *       {@code limactl stop} does it.</li>
 * </ul>
 *
 * <p>The entry is named after the instance only, so two Lima homes with an instance of the
 * same name share it. The stopper therefore stops the service only when the process the
 * manager runs for it is the instance's own host agent, proven as every process of a stop
 * is ({@code limactl start --foreground} execs the host agent, so the unit's main process
 * is the agent): the same fact Lima gets by asking the agent which unit started it.
 *
 * <p>Both commands run through the stopper's command runner, bounded by
 * {@link dev.lifecycle.api.StopOptions#commandTimeout()}. Set it with
 * {@link InstanceStoppers.Builder#startAtLogin(StartAtLogin)}; by default the stopper uses
 * {@link #forCurrentUser()}.
 *
 * @param manager which service manager
 * @param executable the {@code systemctl} or {@code launchctl} to run: a path, or a bare
 *     name looked up on the {@code PATH}
 * @param entryDirectory where the manager's entries for Lima instances live
 * @param domain where the manager is asked: {@code --user} for systemd,
 *     {@code gui/<uid>} for launchd
 */
public record StartAtLogin(Manager manager, Path executable, Path entryDirectory, String domain) {

    /** System property that replaces the {@code systemctl} of {@link #forCurrentUser()}. */
    public static final String SYSTEMCTL_PROPERTY = "lifecycle.systemctl";
    /** System property that replaces the {@code launchctl} of {@link #forCurrentUser()}. */
    public static final String LAUNCHCTL_PROPERTY = "lifecycle.launchctl";

    /** The service managers Lima registers instances with. */
    public enum Manager {
        /** systemd user units, on Linux. */
        SYSTEMD,
        /** launchd user agents, on macOS. */
        LAUNCHD
    }

    /**
     * Validates that nothing is null and the domain is not blank.
     *
     * @throws IllegalArgumentException if the domain is blank
     */
    public StartAtLogin {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(entryDirectory, "entryDirectory");
        Objects.requireNonNull(domain, "domain");
        if (domain.isBlank()) {
            throw new IllegalArgumentException("domain must not be blank: --user for systemd, gui/<uid> for launchd");
        }
    }

    /**
     * systemd user units.
     *
     * @param systemctl the {@code systemctl} to run
     * @param unitDirectory the directory of the user's units, normally {@code ~/.config/systemd/user}
     * @return the settings
     */
    public static StartAtLogin systemd(Path systemctl, Path unitDirectory) {
        return new StartAtLogin(Manager.SYSTEMD, systemctl, unitDirectory, "--user");
    }

    /**
     * launchd user agents.
     *
     * @param launchctl the {@code launchctl} to run
     * @param launchAgentsDirectory the user's agents directory, normally {@code ~/Library/LaunchAgents}
     * @param uid the user's numeric ID, for the domain {@code gui/<uid>}
     * @return the settings
     */
    public static StartAtLogin launchd(Path launchctl, Path launchAgentsDirectory, long uid) {
        return new StartAtLogin(Manager.LAUNCHD, launchctl, launchAgentsDirectory, "gui/" + uid);
    }

    /**
     * The service manager Lima uses on this machine for this user, as Lima chooses it: on Linux
     * systemd when it runs ({@code /run/systemd/system} exists), on macOS launchd, elsewhere none.
     * The system properties {@value #SYSTEMCTL_PROPERTY} and {@value #LAUNCHCTL_PROPERTY}
     * replace the executables.
     *
     * @return the settings, or empty where Lima starts nothing at login
     */
    public static Optional<StartAtLogin> forCurrentUser() {
        return forUser(System.getenv(), Path.of(System.getProperty("user.home")), HostOs.current(),
                Path.of("/run/systemd/system"));
    }

    /** {@link #forCurrentUser()} with its inputs given, for tests. */
    static Optional<StartAtLogin> forUser(Map<String, String> env, Path userHome, HostOs os, Path systemdRunDir) {
        if (os == HostOs.LINUX && Files.isDirectory(systemdRunDir)) {
            return Optional.of(systemd(executable(SYSTEMCTL_PROPERTY, "systemctl"),
                    configHome(env, userHome).resolve("systemd").resolve("user")));
        }
        if (os == HostOs.MACOS) {
            // Lima uses getuid(); the owner of the home directory is that user for anyone who has a login.
            return uidOf(userHome).map(uid -> launchd(executable(LAUNCHCTL_PROPERTY, "launchctl"),
                    userHome.resolve("Library").resolve("LaunchAgents"), uid));
        }
        return Optional.empty();
    }

    /**
     * The name the manager knows the instance by.
     *
     * @param instance the instance name
     * @return {@code lima-vm@<name>.service} or {@code io.lima-vm.autostart.<name>}
     */
    public String serviceName(String instance) {
        return manager == Manager.SYSTEMD ? "lima-vm@" + instance + ".service" : "io.lima-vm.autostart." + instance;
    }

    /**
     * The file {@code limactl start-at-login} writes for the instance; it exists exactly when
     * the instance is registered, as Lima decides it.
     *
     * @param instance the instance name
     * @return the unit file or plist
     */
    public Path entryFile(String instance) {
        return entryDirectory.resolve(manager == Manager.SYSTEMD ? serviceName(instance) : serviceName(instance) + ".plist");
    }

    /**
     * The command that tells whether the instance's service is active, and which process it runs.
     *
     * @param instance the instance name
     * @return {@code systemctl --user show --property=ActiveState,MainPID <unit>} or
     *     {@code launchctl print gui/<uid>/<label>}
     */
    public List<String> activeQuery(String instance) {
        return manager == Manager.SYSTEMD
                ? List.of(executable.toString(), domain, "show", "--property=ActiveState,MainPID", serviceName(instance))
                : List.of(executable.toString(), "print", domain + "/" + serviceName(instance));
    }

    /**
     * The command that stops the instance's service, as {@code limactl stop} runs it.
     *
     * @param instance the instance name
     * @return {@code systemctl --user stop <unit>} or {@code launchctl bootout gui/<uid>/<label>}
     */
    public List<String> stopCommand(String instance) {
        return manager == Manager.SYSTEMD
                ? List.of(executable.toString(), domain, "stop", serviceName(instance))
                : List.of(executable.toString(), "bootout", domain + "/" + serviceName(instance));
    }

    private static Path executable(String property, String name) {
        String configured = System.getProperty(property, "");
        try {
            return Path.of(configured.isBlank() ? name : configured);
        } catch (InvalidPathException e) {
            throw new IllegalStateException("-D" + property + "='" + configured + "' is not a valid path ("
                    + e.getReason() + "); give the " + name + " to run, or leave it unset to use " + name
                    + " from the PATH", e);
        }
    }

    private static Path configHome(Map<String, String> env, Path userHome) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            try {
                return Path.of(xdg);
            } catch (InvalidPathException e) {
                // Lima would build the same odd path and find no unit there; so do we.
                return userHome.resolve(".config");
            }
        }
        return userHome.resolve(".config");
    }

    private static Optional<Long> uidOf(Path home) {
        try {
            return Optional.of(((Number) Files.getAttribute(home, "unix:uid")).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
