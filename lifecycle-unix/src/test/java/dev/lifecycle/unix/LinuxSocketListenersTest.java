// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code /proc/net/unix}; the search itself runs end to end in {@code LinuxSocketHoldersStopTest}. */
class LinuxSocketListenersTest {

    @Test
    void keepsOnlyListeningSocketsWithAPathAndKeepsSpacesInIt() {
        String table = String.join("\n",
                "Num       RefCount Protocol Flags    Type St Inode Path",
                "0000000000000000: 00000002 00000000 00010000 0001 01 31337 /home/u/.lima/default/ssh.sock.a1b2c3d4e5f6a7b8",
                "0000000000000000: 00000003 00000000 00000000 0001 03 31338 /home/u/.lima/default/ssh.sock.a1b2c3d4e5f6a7b8",
                "0000000000000000: 00000002 00000000 00010000 0001 01 31339 @/abstract/socket",
                "0000000000000000: 00000002 00000000 00010000 0005 01 31340 /tmp/li ma/x/virtiofsd-0.sock",
                "0000000000000000: 00000002 00000000 00000000 0002 01 31341",
                "garbage line",
                "0000000000000000: 00000002 00000000 0001000G 0001 01 31342 /bad/flags.sock",
                "");

        List<LinuxSocketListeners.BoundSocket> sockets = LinuxSocketListeners.parseTable(table);

        assertEquals(List.of(
                new LinuxSocketListeners.BoundSocket(31337, Path.of("/home/u/.lima/default/ssh.sock.a1b2c3d4e5f6a7b8")),
                new LinuxSocketListeners.BoundSocket(31340, Path.of("/tmp/li ma/x/virtiofsd-0.sock"))), sockets);
    }
}
