// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import dev.lifecycle.core.StartAtLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code systemctl} or {@code launchctl} (a POSIX sh script) with the behaviour the
 * stopper relies on: the query answers from a state file, and the stop really stops the
 * managed process — it sends SIGTERM to the PID given in {@code managed.pid} and, like the
 * real tools, returns only once that process is gone. Every invocation is appended to
 * {@code calls.log}.
 */
final class StandInServiceManager {

    /** What the stop command does. */
    enum Behaviour {
        /** Stops the managed process and marks the service inactive. */
        NORMAL,
        /** Writes its PID and its child's, then sleeps "forever". */
        HANG_ON_STOP,
        /** Fails like systemctl without a session bus, exit 1. */
        FAIL_ON_STOP
    }

    private final Path dir;
    private final StartAtLogin.Manager manager;
    private Behaviour behaviour = Behaviour.NORMAL;
    private boolean active = true;

    private StandInServiceManager(Path dir, StartAtLogin.Manager manager) {
        this.dir = dir;
        this.manager = manager;
    }

    /** A stand-in {@code systemctl} in the directory, whose path must have no single quote. */
    static StandInServiceManager systemctl(Path dir) {
        return new StandInServiceManager(dir, StartAtLogin.Manager.SYSTEMD);
    }

    /** A stand-in {@code launchctl} in the directory, whose path must have no single quote. */
    static StandInServiceManager launchctl(Path dir) {
        return new StandInServiceManager(dir, StartAtLogin.Manager.LAUNCHD);
    }

    StandInServiceManager behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** The service is registered but not running (systemd: inactive; launchd: not loaded). */
    StandInServiceManager inactive() {
        this.active = false;
        return this;
    }

    /**
     * Writes the script and its state, managing the given process.
     *
     * @param managedPid the PID the service's stop ends
     * @return the settings for the stopper, with the entry directory {@code <dir>/entries}
     */
    StartAtLogin install(long managedPid) throws IOException {
        if (dir.toString().contains("'")) {
            throw new IllegalStateException("the stand-in quotes its directory in single quotes: " + dir);
        }
        Files.createDirectories(entries());
        Files.writeString(dir.resolve("managed.pid"), managedPid + "\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("state"), (active ? "active" : "inactive") + "\n", StandardCharsets.US_ASCII);
        Path script = dir.resolve(manager == StartAtLogin.Manager.SYSTEMD ? "systemctl" : "launchctl");
        Files.writeString(script, script(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return manager == StartAtLogin.Manager.SYSTEMD ? StartAtLogin.systemd(script, entries())
                : StartAtLogin.launchd(script, entries(), 501);
    }

    /** Registers the instance as {@code limactl start-at-login} does: writes its entry file. */
    void register(StartAtLogin settings, String instance) throws IOException {
        Files.writeString(settings.entryFile(instance), "# written by limactl start-at-login\n");
    }

    Path entries() {
        return dir.resolve("entries");
    }

    List<String> calls() throws IOException {
        try {
            return Files.readAllLines(dir.resolve("calls.log"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** @return the PID file a hanging stop writes for itself */
    Path hangPidFile() {
        return dir.resolve("hang.pid");
    }

    /** @return the PID file a hanging stop writes for its child {@code sleep} */
    Path sleepPidFile() {
        return dir.resolve("sleep.pid");
    }

    private String script() {
        boolean systemd = manager == StartAtLogin.Manager.SYSTEMD;
        // systemctl --user <verb> <unit>; launchctl <verb> <domain/label>
        String verb = systemd ? "$2" : "$1";
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("d='").append(dir).append("'\n");
        s.append("printf '%s\\n' \"$*\" >> \"$d/calls.log\"\n");
        s.append("case \"").append(verb).append("\" in\n");
        if (systemd) {
            // systemctl show prints the properties in its own order, and MainPID=0 when none runs.
            s.append("  show)\n"
                    + "    state=$(cat \"$d/state\")\n"
                    + "    if [ \"$state\" = active ]; then echo \"MainPID=$(cat \"$d/managed.pid\")\"; else echo MainPID=0; fi\n"
                    + "    echo \"ActiveState=$state\"; exit 0 ;;\n");
        } else {
            s.append("  print)\n"
                    + "    if [ \"$(cat \"$d/state\")\" = active ]; then printf '%s = {\\n\\tstate = running\\n\\tpid = %s\\n}\\n'"
                    + " \"$2\" \"$(cat \"$d/managed.pid\")\"; exit 0; fi\n"
                    + "    echo \"Could not find service in domain for port\" >&2; exit 113 ;;\n");
        }
        s.append("  ").append(systemd ? "stop" : "bootout").append(")\n");
        switch (behaviour) {
            case HANG_ON_STOP -> s.append("    echo $$ > \"$d/hang.tmp\" && mv \"$d/hang.tmp\" \"$d/hang.pid\"\n"
                    + "    sleep 1000 &\n"
                    + "    echo $! > \"$d/sleep.tmp\" && mv \"$d/sleep.tmp\" \"$d/sleep.pid\"\n"
                    + "    wait; exit 1 ;;\n");
            case FAIL_ON_STOP -> s.append("    echo 'Failed to connect to bus: No medium found' >&2; exit 1 ;;\n");
            case NORMAL -> s.append("    pid=$(cat \"$d/managed.pid\")\n"
                    + "    kill -TERM \"$pid\" 2>/dev/null\n"
                    // Like systemctl stop, return once the process is gone (bounded: 10 s).
                    + "    n=0; while kill -0 \"$pid\" 2>/dev/null && [ $n -lt 1000 ]; do sleep 0.01; n=$((n+1)); done\n"
                    + "    echo inactive > \"$d/state\"; exit 0 ;;\n");
            default -> throw new IllegalStateException(behaviour.toString());
        }
        s.append("  *) echo \"stand-in: unexpected arguments $*\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        return s.toString();
    }
}
