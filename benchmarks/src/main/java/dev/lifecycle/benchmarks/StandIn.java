// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One stand-in process to spawn: its kind, the role it plays for an instance (its command
 * line is the one Lima gives that role, naming the instance directory, which is the
 * evidence the stopper checks before it signals), and for a graceful host agent the delay
 * and the driver it stops. One request line of the {@link AgentHost} protocol:
 * {@code spawn <kind> <role> <delayMs> <driverPid> [<instance dir>]}, the directory last
 * so that it may hold spaces.
 *
 * @param kind how it answers the interrupt
 * @param role what it stands in for
 * @param delayMs a graceful agent's shutdown time after the interrupt
 * @param driverPid the driver a graceful agent stops, 0 for none
 * @param instanceDir the instance directory its command line names, if any
 */
record StandIn(AgentKind kind, Role role, long delayMs, long driverPid, Optional<Path> instanceDir) {

    /** What a stand-in plays. */
    enum Role {
        /** {@code limactl hostagent --pidfile <dir>/ha.pid --socket <dir>/ha.sock <name>} */
        AGENT,
        /** {@code qemu-system-x86_64 -name <name> -pidfile <dir>/qemu.pid -qmp unix:<dir>/qmp.sock,...} */
        DRIVER,
        /** no command line of Lima's: the latency trials */
        NONE
    }

    /** @return a stand-in with no instance, for the latency trials */
    static StandIn plain(AgentKind kind) {
        return new StandIn(kind, Role.NONE, 0, 0, Optional.empty());
    }

    /** @return the request line */
    String request() {
        return "spawn " + kind.name().toLowerCase(Locale.ROOT) + " " + role.name().toLowerCase(Locale.ROOT) + " "
                + delayMs + " " + driverPid + instanceDir.map(d -> " " + d).orElse("");
    }

    /**
     * @param request a request line without {@code spawn }
     * @return the stand-in it asks for
     */
    static StandIn parse(String request) {
        String[] w = request.split(" ", 5);
        if (w.length < 4) {
            throw new IllegalArgumentException("expected <kind> <role> <delayMs> <driverPid> [<dir>], got '" + request + "'");
        }
        return new StandIn(AgentKind.valueOf(w[0].toUpperCase(Locale.ROOT)), Role.valueOf(w[1].toUpperCase(Locale.ROOT)),
                Long.parseLong(w[2]), Long.parseLong(w[3]), w.length == 5 ? Optional.of(Path.of(w[4])) : Optional.empty());
    }

    /** @return {@code sh -c <script> <Lima's command line for the role>} */
    List<String> command() {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", kind.script(delayMs, driverPid)));
        if (instanceDir.isPresent()) {
            Path dir = instanceDir.get();
            String name = String.valueOf(dir.getFileName());
            if (role == Role.AGENT) {
                cmd.addAll(List.of("limactl", "hostagent", "--pidfile", dir.resolve("ha.pid").toString(),
                        "--socket", dir.resolve("ha.sock").toString(), name));
            } else if (role == Role.DRIVER) {
                cmd.addAll(List.of("qemu-system-x86_64", "-name", name, "-pidfile", dir.resolve("qemu.pid").toString(),
                        "-qmp", "unix:" + dir.resolve("qmp.sock") + ",server,nowait"));
            }
        }
        return cmd;
    }
}
