// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.lima;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Unix domain sockets that listen the way a live host agent listens on its {@code ha.sock},
 * held by the test JVM for the stand-in agent processes (which are {@code sleep}). Close it
 * in {@code @AfterEach}.
 */
public final class ListeningSockets implements AutoCloseable {

    private final List<ServerSocketChannel> open = new ArrayList<>();

    /**
     * Listens on a socket file, as the host agent does on {@code ha.sock}.
     *
     * @param file where the socket appears
     * @return the file
     */
    public Path listen(Path file) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(file));
        open.add(channel);
        return file;
    }

    /**
     * Leaves a dead socket behind, as an agent that died without cleaning up does: the file
     * is a socket, and nothing listens on it any more.
     *
     * @param file where the socket appears
     * @return the file
     */
    public static Path dead(Path file) throws IOException {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(file));
        }
        if (!Files.exists(file)) {
            throw new IllegalStateException("closing the socket removed " + file + "; the test needs it left behind");
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        for (ServerSocketChannel channel : open) {
            channel.close();
        }
        open.clear();
    }
}
