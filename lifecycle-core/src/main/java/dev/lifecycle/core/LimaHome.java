package dev.lifecycle.core;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.core.internal.lima.InstanceDirectory;
import dev.lifecycle.core.internal.lima.InstanceDirectoryReader;
import dev.lifecycle.spi.ProcessControl;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lima home directory ({@code $LIMA_HOME}, by default {@code ~/.lima}) and the instances
 * in it, read the way {@code limactl list} reads them.
 *
 * <pre>{@code
 * LimaHome home = LimaHome.fromEnvironment();
 * for (LimaInstance found : home.list()) {
 *     System.out.println(found.name() + " " + found.status() + " " + found.problems());
 * }
 * Instance vm = home.read("default").instance();   // hand it to an InstanceStopper
 * }</pre>
 *
 * <p>Instances are the subdirectories whose names are valid Lima instance names (names
 * starting with {@code _}, such as {@code _disks} and {@code _config}, are Lima's own) and
 * that hold a {@code lima.yaml}, which Lima writes for every instance; a directory without
 * one is not an instance and is never read, stopped or cleaned (see
 * {@link #nonInstanceDirectories()}). A symbolic link is not an instance, as in Lima. Directories are listed, never matched
 * with a glob, so any path works, including one with spaces, {@code [}, {@code *},
 * {@code ?} or non-ASCII characters. Whether a recorded process still runs is asked of a
 * {@link ProcessControl}, which proves the process's identity, so a stale PID file whose
 * PID was reused by another process reads as stopped. Nothing is signalled, written or
 * deleted. Instances of this class are immutable and thread-safe; each call reads the
 * disk afresh.
 */
public final class LimaHome {

    /** The environment variable Lima reads its home from. */
    public static final String ENV_VAR = "LIMA_HOME";
    /** The directory under the user's home that Lima uses when {@value #ENV_VAR} is not set. */
    public static final String DEFAULT_DIRECTORY = ".lima";

    private static final Logger LOG = LoggerFactory.getLogger(LimaHome.class);

    private final Path path;
    /** Where the path came from, for error messages. */
    private final String origin;
    private final Supplier<ProcessControl> control;
    /** The OS whose rules apply (default VM type, VM types that can run); tests read other OSes' homes. */
    private final HostOs os;

    private LimaHome(Path path, String origin, Supplier<ProcessControl> control) {
        this(path, origin, control, HostOs.current());
    }

    private LimaHome(Path path, String origin, Supplier<ProcessControl> control, HostOs os) {
        this.path = path.toAbsolutePath();
        this.origin = origin;
        this.control = control;
        this.os = os;
    }

    /**
     * The Lima home of this process's environment: {@value #ENV_VAR} if set and not blank,
     * else {@code ~/.lima}. Liveness is checked with {@link ProcessControls#selected()}.
     *
     * @return the Lima home; it need not exist yet
     * @throws LimaHomeException if {@value #ENV_VAR} is not a valid path
     */
    public static LimaHome fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The Lima home a given environment selects: {@value #ENV_VAR} if set and not blank
     * (a relative value is taken relative to the working directory, as Lima does), else
     * {@code userHome/.lima}. Liveness is checked with {@link ProcessControls#selected()}.
     *
     * @param env the environment variables, e.g. {@link System#getenv()}
     * @param userHome the user's home directory
     * @return the Lima home; it need not exist yet
     * @throws LimaHomeException if {@value #ENV_VAR} is not a valid path
     */
    public static LimaHome fromEnvironment(Map<String, String> env, Path userHome) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userHome, "userHome");
        String value = env.get(ENV_VAR);
        if (value == null || value.isBlank()) {
            return new LimaHome(userHome.resolve(DEFAULT_DIRECTORY),
                    "the default Lima home (" + ENV_VAR + " is not set)", ProcessControls::selected);
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new LimaHomeException(userHome.resolve(DEFAULT_DIRECTORY), ENV_VAR + "='" + value
                    + "' is not a valid path (" + e.getReason() + "). Set " + ENV_VAR
                    + " to the directory that holds your Lima instances, or unset it to use ~/" + DEFAULT_DIRECTORY,
                    e);
        }
        return new LimaHome(path, "the Lima home from " + ENV_VAR, ProcessControls::selected);
    }

    /**
     * A Lima home at an explicit path. Liveness is checked with
     * {@link ProcessControls#selected()}.
     *
     * @param path the directory; a relative path is made absolute against the working directory
     * @return the Lima home; it need not exist yet
     */
    public static LimaHome of(Path path) {
        return new LimaHome(Objects.requireNonNull(path, "path"), "the Lima home", ProcessControls::selected);
    }

    /**
     * A Lima home at an explicit path, checking liveness with a given provider.
     *
     * @param path the directory; a relative path is made absolute against the working directory
     * @param control the provider that proves whether a recorded process still runs
     * @return the Lima home; it need not exist yet
     */
    public static LimaHome of(Path path, ProcessControl control) {
        return of(path).withProcessControl(control);
    }

    /**
     * The same Lima home, checking liveness with a given provider.
     *
     * @param control the provider that proves whether a recorded process still runs
     * @return a new Lima home object
     */
    public LimaHome withProcessControl(ProcessControl control) {
        Objects.requireNonNull(control, "control");
        return new LimaHome(path, origin, () -> control, os);
    }

    /**
     * The same Lima home read with another operating system's rules, for tests: Lima's
     * default VM type and the VM types that can run depend on the host OS.
     *
     * @param os the operating system whose rules apply
     * @return a new Lima home object
     */
    LimaHome withHostOs(HostOs os) {
        return new LimaHome(path, origin, control, Objects.requireNonNull(os, "os"));
    }

    /**
     * @return the absolute path of the Lima home
     */
    public Path path() {
        return path;
    }

    /**
     * The names of the instances, without reading them.
     *
     * @return the names of subdirectories that are valid instance names and hold a
     *     {@code lima.yaml}, sorted
     * @throws LimaHomeException if the Lima home does not exist, is not a directory or cannot be listed
     */
    public List<String> instanceNames() {
        return scan().instances();
    }

    /**
     * The subdirectories that look like instances by name but hold no {@code lima.yaml}: Lima
     * writes one for every instance, so these are not Lima instances (often a sign that
     * {@value #ENV_VAR} points at the wrong directory). They are never read, stopped or
     * cleaned; a tool can name them so that the user knows they were left alone.
     *
     * @return their names, sorted
     * @throws LimaHomeException if the Lima home does not exist, is not a directory or cannot be listed
     */
    public List<String> nonInstanceDirectories() {
        return scan().others();
    }

    /** One listing of the home, split into instances and directories without {@code lima.yaml}. */
    private record Scan(List<String> instances, List<String> others) {
    }

    private Scan scan() {
        requireDirectory();
        List<String> names = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith("_")) {
                    continue; // Lima's own: _disks, _config, _networks, ...
                }
                if (!Instance.isValidName(name)) {
                    LOG.debug("Lima home {}: skipped '{}', not a valid instance name", path, name);
                    continue;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    (InstanceDirectory.hasConfig(entry) ? names : others).add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LimaHomeException(path, "Cannot list " + origin + " " + path + ": " + e
                    + ". Check that this process may read the directory.", e);
        }
        names.sort(null);
        others.sort(null);
        if (!others.isEmpty()) {
            LOG.debug("Lima home {}: left alone, no {}: {}", path, InstanceDirectory.CONFIG_FILE, others);
        }
        return new Scan(List.copyOf(names), List.copyOf(others));
    }

    /**
     * Reads every instance: its configuration, PID files and status.
     *
     * @return the instances, sorted by name
     * @throws LimaHomeException if the Lima home does not exist, is not a directory or cannot be listed
     */
    public List<LimaInstance> list() {
        InstanceDirectoryReader reader = reader();
        List<LimaInstance> instances = new ArrayList<>();
        for (String name : instanceNames()) {
            instances.add(reader.read(path, name));
        }
        return List.copyOf(instances);
    }

    /**
     * Reads one instance, if it exists.
     *
     * @param name the instance name
     * @return the instance, or empty if the Lima home has no directory of that name or the
     *     directory holds no {@code lima.yaml} (it is not a Lima instance)
     * @throws IllegalArgumentException if the name is not a valid Lima instance name
     * @throws LimaHomeException if the Lima home does not exist or is not a directory
     */
    public Optional<LimaInstance> find(String name) {
        requireValidName(name);
        requireDirectory();
        Path dir = path.resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !InstanceDirectory.hasConfig(dir)) {
            return Optional.empty();
        }
        return Optional.of(reader().read(path, name));
    }

    /**
     * Reads one instance that must exist.
     *
     * @param name the instance name
     * @return the instance
     * @throws IllegalArgumentException if the name is not a valid Lima instance name
     * @throws LimaHomeException if the Lima home or the instance does not exist, or the directory
     *     of that name is not a Lima instance (no {@code lima.yaml})
     */
    public LimaInstance read(String name) {
        return find(name).orElseThrow(() -> {
            Path dir = path.resolve(name);
            String what = Files.isSymbolicLink(dir) ? dir + " is a symbolic link, which Lima does not treat as an instance"
                    : Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? dir + " has no " + InstanceDirectory.CONFIG_FILE
                            + ", so it is not a Lima instance; nothing in it is read, stopped or removed"
                    : Files.exists(dir, LinkOption.NOFOLLOW_LINKS) ? dir + " is not a directory"
                    : "there is no directory " + dir;
            return new LimaHomeException(path, "No Lima instance '" + name + "' in " + origin + " " + path
                    + ": " + what + ". Check the name with `limactl list`"
                    + (origin.contains(ENV_VAR) ? "" : " or set " + ENV_VAR + " to the home that holds it") + ".",
                    null);
        });
    }

    private InstanceDirectoryReader reader() {
        return new InstanceDirectoryReader(control, os);
    }

    private static void requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!Instance.isValidName(name)) {
            throw new IllegalArgumentException("Invalid Lima instance name '" + name
                    + "': names match [A-Za-z0-9]+([._-][A-Za-z0-9]+)* and have at most "
                    + Instance.MAX_NAME_LENGTH + " characters");
        }
    }

    private void requireDirectory() {
        if (Files.isDirectory(path)) {
            return;
        }
        String what = Files.exists(path) ? "is not a directory" : "does not exist";
        String fix = origin.contains(ENV_VAR)
                ? "Set " + ENV_VAR + " to the directory that holds your Lima instances"
                : "Use the directory that holds your Lima instances ($" + ENV_VAR + ", by default ~/"
                        + DEFAULT_DIRECTORY + ")";
        throw new LimaHomeException(path, origin.substring(0, 1).toUpperCase(Locale.ROOT)
                + origin.substring(1) + " " + path + " " + what + ". " + fix
                + "; `limactl info` prints it as limaHome. If Lima has never created an instance"
                + " here, there is nothing to stop.", null);
    }

    @Override
    public String toString() {
        return "LimaHome[" + path + "]";
    }
}
