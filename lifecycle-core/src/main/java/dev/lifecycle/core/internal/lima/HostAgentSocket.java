// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a running host agent answers on its {@code ha.sock}. Lima's {@code store.Inspect}
 * asks the agent for its info over that socket (3 s) whenever {@code ha.pid} names a live
 * process, and reports the instance Broken when it cannot connect: an agent whose socket is
 * dead cannot be driven by {@code limactl}. We only connect and close — nothing is sent — so
 * the agent sees a connection that ends at once.
 */
final class HostAgentSocket {

    /** File name in the instance directory. */
    static final String FILE_NAME = "ha.sock";
    /** As long as Lima waits for the agent's info. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(HostAgentSocket.class);

    private HostAgentSocket() {
    }

    /**
     * @param dir the instance directory, whose host agent runs
     * @return why the agent cannot be reached on {@code ha.sock}, or empty if a connection was accepted
     */
    static Optional<String> problem(Path dir) {
        Path socket = dir.resolve(FILE_NAME);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.configureBlocking(false);
            // Non-blocking, so that an agent with a full backlog cannot hold the listing.
            if (channel.connect(UnixDomainSocketAddress.of(socket)) || awaitConnect(channel)) {
                return Optional.empty();
            }
            return Optional.of(deadSocket(socket, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s"));
        } catch (UnsupportedOperationException e) {
            // No Unix domain sockets in this JVM or OS (old Windows): we cannot tell, so we do not claim.
            LOG.debug("cannot check {}: {}", socket, e.toString());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(deadSocket(socket, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static boolean awaitConnect(SocketChannel channel) throws IOException {
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_CONNECT);
            return selector.select(CONNECT_TIMEOUT.toMillis()) > 0 && channel.finishConnect();
        }
    }

    private static String deadSocket(Path socket, String reason) {
        return "host agent is running but does not answer on " + socket + " (" + reason
                + "); limactl cannot reach it either";
    }
}
