// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Lima's shared networks, from {@code $LIMA_HOME/_config/networks.yaml}
 * ({@code pkg/networks/config.go}): each network's mode and where the daemons of the
 * {@code socket_vmnet} kind keep their PID files ({@code paths.varRun}). A missing file means
 * Lima's defaults ({@code user-v2}, {@code shared}, {@code bridged}, {@code host}, varRun
 * {@code /private/var/run/lima}), as Lima writes them on first use; like Lima, a
 * {@code user-v2} network is added when the file defines no usernet network with a gateway.
 * The file is only read, never written.
 *
 * @param varRun where {@code socket_vmnet} PID files live; empty if the file sets none
 * @param modes the mode of each network whose name is a valid Lima name, by name
 */
public record NetworksConfig(Optional<Path> varRun, Map<String, String> modes) {

    /** The file, relative to the Lima home. */
    public static final String FILE = "_config/networks.yaml";
    /** Lima's usernet mode; every other mode is served by {@code socket_vmnet}. */
    public static final String USERNET_MODE = "user-v2";
    /** Lima's template is under 2 KiB; a larger file is refused unread. */
    static final int MAX_BYTES = 256 * 1024;

    private static final Path DEFAULT_VAR_RUN = Path.of("/private/var/run/lima");
    private static final Map<String, String> DEFAULT_MODES = Map.of(USERNET_MODE, USERNET_MODE, "shared", "shared",
            "bridged", "bridged", "host", "host");

    /** Copies the map; validates that nothing is null. */
    public NetworksConfig {
        Objects.requireNonNull(varRun, "varRun");
        modes = Map.copyOf(modes);
    }

    /** The outcome of reading the file: the configuration, or why it cannot be used. */
    public sealed interface Read {
    }

    /**
     * The configuration could be read.
     *
     * @param config the configuration
     */
    public record Loaded(NetworksConfig config) implements Read {
        /** Validates that nothing is null. */
        public Loaded {
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * The file exists but cannot be used; no network's daemon can be located.
     *
     * @param problem what is wrong, naming the file
     */
    public record Unreadable(String problem) implements Read {
        /** Validates that nothing is null. */
        public Unreadable {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * Reads the networks of a Lima home. Never throws for what it finds on disk.
     *
     * @param limaHome the Lima home
     * @return the configuration, or why it cannot be used
     */
    public static Read read(Path limaHome) {
        Path file = limaHome.resolve(FILE);
        Object document;
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile() || attrs.size() > MAX_BYTES) {
                return new Unreadable(file + (attrs.isRegularFile() ? " has " + attrs.size()
                        + " bytes; refusing to parse more than " + MAX_BYTES : " is not a regular file"));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                return new Unreadable(file + " grew past " + MAX_BYTES + " bytes while being read");
            }
            document = new Load(settings(file.toString())).loadFromInputStream(new java.io.ByteArrayInputStream(bytes));
        } catch (NoSuchFileException e) {
            return new Loaded(new NetworksConfig(Optional.of(DEFAULT_VAR_RUN), DEFAULT_MODES));
        } catch (IOException | YamlEngineException e) {
            return new Unreadable(file + ": cannot read: " + e.toString().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        if (!(document instanceof Map<?, ?> top)) {
            return new Unreadable(file + " is not a mapping of settings");
        }
        return parse(top, file);
    }

    private static Read parse(Map<?, ?> top, Path file) {
        Optional<Path> varRun = Optional.empty();
        if (top.get("paths") instanceof Map<?, ?> paths && paths.get("varRun") instanceof String text && !text.isBlank()) {
            try {
                Path p = Path.of(text.strip());
                if (!p.isAbsolute()) {
                    return new Unreadable(file + ": paths.varRun '" + text.strip() + "' is not an absolute path");
                }
                varRun = Optional.of(p);
            } catch (InvalidPathException e) {
                return new Unreadable(file + ": paths.varRun is not a valid path (" + e.getReason() + ")");
            }
        }
        Object networks = top.get("networks");
        if (networks != null && !(networks instanceof Map<?, ?>)) {
            return new Unreadable(file + ": networks is not a mapping of network names");
        }
        Map<String, String> modes = new LinkedHashMap<>();
        boolean usernetWithGateway = false;
        if (networks instanceof Map<?, ?> all) {
            for (Map.Entry<?, ?> e : all.entrySet()) {
                // The name becomes part of a path: one that Lima could not have used is never resolved.
                if (!(e.getKey() instanceof String name) || !Instance.isValidIdentifier(name)) {
                    continue;
                }
                Map<?, ?> network = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
                String mode = network.get("mode") instanceof String s ? s.strip() : "";
                modes.put(name, mode);
                usernetWithGateway |= USERNET_MODE.equals(mode) && network.get("gateway") != null;
            }
        }
        if (!usernetWithGateway) {
            modes.put(USERNET_MODE, USERNET_MODE); // Lima's fillDefaults
        }
        return new Loaded(new NetworksConfig(varRun, modes));
    }

    /**
     * The daemon Lima runs for a network.
     *
     * @param limaHome the Lima home
     * @param network the network name
     * @return the daemon, or empty if the network is not defined here (or, for a
     *     {@code socket_vmnet} network, no {@code paths.varRun} is set)
     */
    public Optional<NetworkDaemon> daemon(Path limaHome, String network) {
        String mode = modes.get(network);
        if (mode == null) {
            return Optional.empty();
        }
        if (USERNET_MODE.equals(mode)) {
            return Optional.of(NetworkDaemon.usernet(limaHome, network));
        }
        return varRun.map(dir -> NetworkDaemon.socketVmnet(dir, network));
    }

    /**
     * The network whose daemon listens on a socket path, for {@code socket:} entries that point
     * at a Lima-managed daemon.
     *
     * @param limaHome the Lima home
     * @param socket the path as written in the configuration
     * @return the network, if one of its daemon's sockets is that path
     */
    public Optional<String> networkOfSocket(Path limaHome, String socket) {
        Path wanted;
        try {
            wanted = Path.of(socket).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        List<String> names = modes.keySet().stream().sorted().toList();
        for (String name : names) {
            Optional<NetworkDaemon> d = daemon(limaHome, name);
            if (d.isPresent() && d.get().sockets().stream().anyMatch(s -> s.normalize().equals(wanted))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static LoadSettings settings(String label) {
        return LoadSettings.builder().setLabel(label).setSchema(new CoreSchema()).setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false).setMaxAliasesForCollections(10).setCodePointLimit(MAX_BYTES)
                .setParseComments(false).build();
    }
}
