// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.files;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether something listens on a Unix domain socket file, such as the host agent on
 * {@code ha.sock}: a non-blocking connect, bounded by a short timeout, closed at once. It
 * only connects — nothing is read or written, and a file that is not a socket (a FIFO, a
 * regular file) is never opened: the connect is refused, which cannot block.
 */
public final class SocketProbe {

    private SocketProbe() {
    }

    /**
     * @param socket the socket file
     * @param timeout how long a pending connect may take
     * @return true if a connection was accepted; false if refused, absent, or not answered in time
     */
    public static boolean acceptsConnection(Path socket, Duration timeout) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.configureBlocking(false);
            if (channel.connect(UnixDomainSocketAddress.of(socket))) {
                return true;
            }
            // A full listen backlog leaves the connect pending instead of refusing it.
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
                    return false;
                }
                return channel.finishConnect();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // refused, not a socket, or no Unix sockets here: nothing answers
        }
    }
}
