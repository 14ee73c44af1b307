// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import java.util.List;

/**
 * The shared networks a Lima configuration attaches its instance to ({@code networks:}):
 * Lima-managed networks by name ({@code - lima: shared}) and sockets by path
 * ({@code - socket: /var/run/socket_vmnet}). Other entries ({@code vzNAT}) use no daemon
 * and are ignored, as are the per-entry settings (MAC address, interface, metric). Read by
 * {@link LimaYamlEvents} with the other settings of the file.
 *
 * @param limaNetworks the names given with {@code lima:}, in file order, without repeats
 * @param sockets the paths given with {@code socket:}, in file order, without repeats
 */
public record NetworkAttachments(List<String> limaNetworks, List<String> sockets) {

    /** No network. */
    public static final NetworkAttachments NONE = new NetworkAttachments(List.of(), List.of());

    /** Copies the lists. */
    public NetworkAttachments {
        limaNetworks = List.copyOf(limaNetworks);
        sockets = List.copyOf(sockets);
    }

    /** @return true if the configuration attaches no network */
    public boolean isEmpty() {
        return limaNetworks.isEmpty() && sockets.isEmpty();
    }
}
