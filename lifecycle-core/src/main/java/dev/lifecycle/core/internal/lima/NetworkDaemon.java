// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.spi.ExpectedOwner;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A daemon Lima runs for one shared network, and the files that locate it
 * ({@code pkg/networks/usernet/config.go}, {@code pkg/networks/commands.go}).
 *
 * @param network the network name
 * @param kind which daemon
 * @param pidFile the PID file the daemon writes (and removes when it exits cleanly)
 * @param sockets the sockets it listens on, for {@code socket:} entries that name one
 */
public record NetworkDaemon(String network, Kind kind, Path pidFile, List<Path> sockets) {

    /** The daemons Lima manages. */
    public enum Kind {
        /** {@code limactl usernet} (gvisor-tap-vsock) for {@code user-v2} networks; runs as the user. */
        USERNET("usernet"),
        /** {@code socket_vmnet} for the other modes (macOS); runs as root through sudo. */
        SOCKET_VMNET("socket_vmnet");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the daemon's name as Lima spells it */
        public String label() {
            return label;
        }
    }

    /** Copies the list; validates that nothing is null. */
    public NetworkDaemon {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pidFile, "pidFile");
        sockets = List.copyOf(sockets);
    }

    /** {@code $LIMA_HOME/_networks/<name>/usernet_<name>.pid} and its {@code <name>_{qemu,fd,ep}.sock}. */
    static NetworkDaemon usernet(Path limaHome, String network) {
        Path dir = limaHome.resolve("_networks").resolve(network);
        return new NetworkDaemon(network, Kind.USERNET, dir.resolve("usernet_" + network + ".pid"),
                List.of(dir.resolve(network + "_qemu.sock"), dir.resolve(network + "_fd.sock"),
                        dir.resolve(network + "_ep.sock")));
    }

    /** {@code <varRun>/<name>_socket_vmnet.pid} and {@code <varRun>/socket_vmnet.<name>}. */
    static NetworkDaemon socketVmnet(Path varRun, String network) {
        return new NetworkDaemon(network, Kind.SOCKET_VMNET, varRun.resolve(network + "_socket_vmnet.pid"),
                List.of(varRun.resolve("socket_vmnet." + network)));
    }

    /**
     * What the daemon's process must refer to, for the clock-free half of the identity rule:
     * Lima starts it naming its PID file ({@code limactl usernet -p <file> …},
     * {@code socket_vmnet --pidfile=<file> …}), so its PID file's directory stands where an
     * instance directory stands for the instance's own processes.
     *
     * @return the expectation
     */
    public ExpectedOwner owner() {
        return ExpectedOwner.namingItsInstance(pidFile.getParent());
    }

    /** @return e.g. {@code usernet daemon of network 'user-v2'} */
    public String describe() {
        return kind.label() + " daemon of network '" + network + "'";
    }
}
