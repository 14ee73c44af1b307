// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.util.List;

/**
 * The result of {@link ProcessControl#socketListeners(java.nio.file.Path)}: the processes
 * found, and what could not be searched. An empty {@code gaps} means the search was
 * complete: no other process listens on a socket in the directory.
 *
 * @param listeners the processes found, one entry per process and socket
 * @param gaps what could not be searched or resolved, in words (for example a socket whose
 *     listener this user may not inspect, or an OS where the search is not supported)
 */
public record SocketListeners(List<SocketListener> listeners, List<String> gaps) {

    /** Copies the lists. */
    public SocketListeners {
        listeners = List.copyOf(listeners);
        gaps = List.copyOf(gaps);
    }

    /**
     * @param why why nothing could be searched, in words a user can act on
     * @return a result with no listeners and that one gap
     */
    public static SocketListeners notSearched(String why) {
        return new SocketListeners(List.of(), List.of(why));
    }
}
