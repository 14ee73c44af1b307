package dev.lifecycle.core.internal.lima;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shared networks a Lima configuration attaches its instance to ({@code networks:}):
 * Lima-managed networks by name ({@code - lima: shared}) and sockets by path
 * ({@code - socket: /var/run/socket_vmnet}). Other entries ({@code vzNAT}) use no daemon
 * and are ignored, as are the per-entry settings (MAC address, interface, metric).
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

    /**
     * Reads the value of {@code networks:} from a loaded configuration.
     *
     * @param value the value, as the YAML loader built it; {@code null} when the key is absent
     * @param label names the file in problems
     * @param problems receives what cannot be read (an entry Lima would refuse to load)
     * @return the attachments that could be read
     */
    static NetworkAttachments read(Object value, String label, List<String> problems) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof List<?> entries)) {
            problems.add(label + ": networks is not a list");
            return NONE;
        }
        Set<String> lima = new LinkedHashSet<>();
        Set<String> sockets = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.add(label + ": networks[" + i + "] is not a mapping; entry ignored");
                continue;
            }
            text(entry.get("lima"), label + ": networks[" + i + "].lima", problems).ifPresent(lima::add);
            text(entry.get("socket"), label + ": networks[" + i + "].socket", problems).ifPresent(sockets::add);
        }
        return new NetworkAttachments(List.copyOf(lima), List.copyOf(sockets));
    }

    private static Optional<String> text(Object value, String where, List<String> problems) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            problems.add(where + " is not a string; entry ignored");
            return Optional.empty();
        }
        // Lima treats an empty value like an absent one.
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
