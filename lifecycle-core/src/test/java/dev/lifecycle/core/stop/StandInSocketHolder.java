// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.stop;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that listens on a Unix socket in an instance directory, as Lima's ssh
 * ControlMaster, virtiofsd or swtpm do after a killed host agent. Run through
 * {@link JavaStandIn}. Arguments: the socket path; {@code rename} to bind a temporary
 * name and rename it, as OpenSSH binds {@code ssh.sock.<random>} then renames it to
 * {@code ssh.sock}, or {@code direct}. The JVM exits on SIGINT and SIGTERM, unless started
 * with them ignored ({@link JavaStandIn#startIgnoringInterrupts}).
 */
public final class StandInSocketHolder {

    private StandInSocketHolder() {
    }

    /**
     * @param args socket path, {@code rename|direct}
     * @throws Exception if it cannot listen
     */
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        if ("rename".equals(args[1])) {
            Path temp = socket.resolveSibling(socket.getFileName() + ".0123456789abcdef");
            server.bind(UnixDomainSocketAddress.of(temp));
            Files.move(temp, socket);
        } else {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
