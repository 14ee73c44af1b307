// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworksConfigTest {

    @TempDir
    Path home;

    private NetworksConfig.Read write(String yaml) throws IOException {
        Files.createDirectories(home.resolve("_config"));
        Files.writeString(home.resolve(NetworksConfig.FILE), yaml);
        return NetworksConfig.read(home);
    }

    private static NetworksConfig loaded(NetworksConfig.Read read) {
        return assertInstanceOf(NetworksConfig.Loaded.class, read, read.toString()).config();
    }

    @Test
    void aMissingFileMeansLimasDefaults() {
        NetworksConfig config = loaded(NetworksConfig.read(home));

        assertEquals(Optional.of(Path.of("/private/var/run/lima")), config.varRun());
        assertEquals(Map.of("user-v2", "user-v2", "shared", "shared", "bridged", "bridged", "host", "host"),
                config.modes());
        assertEquals(new NetworkDaemon("user-v2", NetworkDaemon.Kind.USERNET,
                home.resolve("_networks/user-v2/usernet_user-v2.pid"), List.of(
                        home.resolve("_networks/user-v2/user-v2_qemu.sock"),
                        home.resolve("_networks/user-v2/user-v2_fd.sock"),
                        home.resolve("_networks/user-v2/user-v2_ep.sock"))),
                config.daemon(home, "user-v2").orElseThrow());
        assertEquals(Path.of("/private/var/run/lima/shared_socket_vmnet.pid"),
                config.daemon(home, "shared").orElseThrow().pidFile());
    }

    @Test
    void limasTemplateAsWrittenOnFirstUseIsRead() throws IOException {
        NetworksConfig config = loaded(write("paths:\n  socketVMNet: \"/opt/socket_vmnet/bin/socket_vmnet\"\n"
                + "  varRun: /private/var/run/lima\n  sudoers: /private/etc/sudoers.d/lima\ngroup: admin\n"
                + "networks:\n  user-v2:\n    mode: user-v2\n    gateway: 192.168.104.1\n    netmask: 255.255.255.0\n"
                + "  shared:\n    mode: shared\n    gateway: 192.168.105.1\n    dhcpEnd: 192.168.105.254\n"
                + "    netmask: 255.255.255.0\n  bridged:\n    mode: bridged\n    interface: en0\n"));

        assertEquals(Map.of("user-v2", "user-v2", "shared", "shared", "bridged", "bridged"), config.modes());
        assertEquals(Optional.of("shared"), config.networkOfSocket(home, "/private/var/run/lima/socket_vmnet.shared"));
        assertEquals(Optional.empty(), config.networkOfSocket(home, "/var/run/socket_vmnet"));
    }

    @Test
    void aUsernetDefaultIsAddedWhenNoneHasAGatewayAsLimaDoes() throws IOException {
        NetworksConfig config = loaded(write("networks:\n  mine:\n    mode: user-v2\n"));

        assertEquals(Map.of("mine", "user-v2", "user-v2", "user-v2"), config.modes());
        assertEquals(Optional.empty(), config.varRun(), "no paths.varRun: socket_vmnet daemons cannot be located");
        assertEquals(Optional.empty(), config.daemon(home, "shared"));
    }

    @Test
    void namesThatCannotBeLimasNeverBecomePaths() throws IOException {
        NetworksConfig config = loaded(write("networks:\n  ../../etc:\n    mode: user-v2\n    gateway: 1.2.3.4\n"
                + "  ok:\n    mode: host\n"));

        assertEquals(Optional.empty(), config.daemon(home, "../../etc"));
        assertTrue(config.modes().containsKey("ok"));
    }

    @Test
    void unusableFilesSayWhy() throws IOException {
        assertUnreadable(write("networks: [\n"), "cannot read");
        assertUnreadable(write("- a\n"), "is not a mapping of settings");
        assertUnreadable(write("paths:\n  varRun: relative/run\n"), "is not an absolute path");
        assertUnreadable(write("networks:\n- shared\n"), "networks is not a mapping");
        Files.delete(home.resolve(NetworksConfig.FILE));
        Files.createDirectory(home.resolve(NetworksConfig.FILE));
        assertUnreadable(NetworksConfig.read(home), "is not a regular file");
    }

    private static void assertUnreadable(NetworksConfig.Read read, String part) {
        String problem = assertInstanceOf(NetworksConfig.Unreadable.class, read, read.toString()).problem();
        assertTrue(problem.contains(part) && problem.contains("networks.yaml"), problem);
    }
}
