// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.api.Instance;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.internal.discovery.VmTypeExtensions;
import dev.lifecycle.core.internal.lima.InstanceDirectory;
import dev.lifecycle.core.internal.lima.InstanceDirectoryReader;
import dev.lifecycle.core.internal.lima.VmStatusReader;
import dev.lifecycle.core.internal.stop.FanOut;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.spi.VmTypeExtension;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 * {@link #nonInstanceDirectories()}), nor is one whose name Lima refuses, such as
 * {@code foo.yaml} (see {@link #misnamedDirectories()}). A symbolic link is not an instance,
 * as in Lima. Each instance is read as {@code limactl list} reads it, with Lima's merge of
 * {@code _config/default.yaml} and {@code _config/override.yaml}. Directories are listed, never matched
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
    private final Reading reading;

    /**
     * How instances are read, beyond the path.
     *
     * @param control proves whether a recorded process still runs
     * @param os the OS whose rules apply (default VM type, VM types that can run); tests read other OSes' homes
     * @param extensions the VM-type extensions asked for their VM's state
     * @param settings the host app's settings for them, by extension id
     * @param commandTimeout the limit for each command an extension runs
     */
    private record Reading(Supplier<ProcessControl> control, HostOs os, Supplier<List<VmTypeExtension>> extensions,
                           Map<String, Map<String, String>> settings, Duration commandTimeout) {

        static Reading defaults() {
            return new Reading(ProcessControls::selected, HostOs.current(),
                    () -> InstanceStoppers.discoverExtensions(LimaHome.class.getClassLoader()), Map.of(),
                    StopOptions.DEFAULT_COMMAND_TIMEOUT);
        }

        Reading withControl(Supplier<ProcessControl> newControl) {
            return new Reading(newControl, os, extensions, settings, commandTimeout);
        }

        Reading withOs(HostOs newOs) {
            return new Reading(control, newOs, extensions, settings, commandTimeout);
        }

        Reading withExtensions(Supplier<List<VmTypeExtension>> newExtensions) {
            return new Reading(control, os, newExtensions, settings, commandTimeout);
        }

        Reading withSettings(Map<String, Map<String, String>> newSettings) {
            return new Reading(control, os, extensions, Map.copyOf(newSettings), commandTimeout);
        }

        Reading withCommandTimeout(Duration newTimeout) {
            return new Reading(control, os, extensions, settings, newTimeout);
        }
    }

    private LimaHome(Path path, String origin) {
        this(path, origin, Reading.defaults());
    }

    private LimaHome(Path path, String origin, Reading reading) {
        this.path = path.toAbsolutePath();
        this.origin = origin;
        this.reading = reading;
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
                    "the default Lima home (" + ENV_VAR + " is not set)");
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
        return new LimaHome(path, "the Lima home from " + ENV_VAR);
    }

    /**
     * A Lima home at an explicit path. Liveness is checked with
     * {@link ProcessControls#selected()}.
     *
     * @param path the directory; a relative path is made absolute against the working directory
     * @return the Lima home; it need not exist yet
     */
    public static LimaHome of(Path path) {
        return new LimaHome(Objects.requireNonNull(path, "path"), "the Lima home");
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
        return new LimaHome(path, origin, reading.withControl(() -> control));
    }

    /**
     * The same Lima home, asking these VM-type extensions (instead of those on the class
     * path) for the state of their VMs: the WSL2 extension reads a WSL2 instance's distro
     * state from {@code wsl.exe --list --verbose}, as {@code limactl list} does.
     *
     * @param extensions the extensions, first match for a VM type wins
     * @return a new Lima home object
     */
    public LimaHome withExtensions(List<VmTypeExtension> extensions) {
        List<VmTypeExtension> copy = List.copyOf(extensions);
        return new LimaHome(path, origin, reading.withExtensions(() -> copy));
    }

    /**
     * The same Lima home, giving one VM-type extension its settings, as
     * {@link InstanceStoppers.Builder#extensionSettings} does for a stop (the WSL2 extension
     * reads {@code executable}, the {@code wsl.exe} to run). A second call for the same id
     * replaces the first.
     *
     * @param extensionId the extension's {@link VmTypeExtension#id()}, such as {@code wsl2}
     * @param settings its settings by name
     * @return a new Lima home object
     * @throws IllegalArgumentException if the id is blank
     */
    public LimaHome withExtensionSettings(String extensionId, Map<String, String> settings) {
        Objects.requireNonNull(extensionId, "extensionId");
        if (extensionId.isBlank()) {
            throw new IllegalArgumentException("extensionId is blank: give the extension's id, such as wsl2");
        }
        Map<String, Map<String, String>> all = new HashMap<>(reading.settings());
        all.put(extensionId, Map.copyOf(settings));
        return new LimaHome(path, origin, reading.withSettings(all));
    }

    /**
     * The same Lima home, bounding each command a VM-type extension runs to read its VM's
     * state by a given limit instead of {@link StopOptions#DEFAULT_COMMAND_TIMEOUT}; a command
     * that runs longer is killed and the instance reads as Broken.
     *
     * @param commandTimeout a positive duration
     * @return a new Lima home object
     * @throws IllegalArgumentException if the duration is not positive
     */
    public LimaHome withCommandTimeout(Duration commandTimeout) {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isZero() || commandTimeout.isNegative()) {
            throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
        }
        return new LimaHome(path, origin, reading.withCommandTimeout(commandTimeout));
    }

    /**
     * The same Lima home, read with the rules Lima applies on another operating system: the
     * default VM type ({@code vz} on macOS, {@code qemu} elsewhere) and the VM types that
     * can run ({@code vz} and {@code krunkit} on macOS only, {@code wsl2} on Windows only).
     * By default the rules of the OS this JVM runs on apply; a JVM inside WSL that manages
     * the Windows side's Lima home (through {@code wsl.exe} interop) reads it with
     * {@link HostOs#WINDOWS}.
     *
     * @param os the operating system whose Lima wrote this home
     * @return a new Lima home object
     */
    public LimaHome withHostOs(HostOs os) {
        return new LimaHome(path, origin, reading.withOs(Objects.requireNonNull(os, "os")));
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

    /**
     * The subdirectories Lima would take for instances but whose names it refuses: not a
     * valid identifier, or ending in {@code .yml} / {@code .yaml} (Lima's
     * {@code ValidateInstName}; {@code limactl list} fails on them as a whole with
     * "unable to load instance"). They are never read, stopped or cleaned; each entry names
     * the directory and says why, so that a tool can report them instead of skipping them in
     * silence. Entries starting with {@code .} or {@code _} are not listed: Lima skips them too.
     *
     * @return one line per directory, sorted by name
     * @throws LimaHomeException if the Lima home does not exist, is not a directory or cannot be listed
     */
    public List<String> misnamedDirectories() {
        return scan().misnamed();
    }

    /**
     * One listing of the home, split into instances, directories without {@code lima.yaml},
     * and directories whose names Lima refuses (with the reason).
     */
    private record Scan(List<String> instances, List<String> others, List<String> misnamed) {
    }

    private Scan scan() {
        requireDirectory();
        List<String> names = new ArrayList<>();
        List<String> others = new ArrayList<>();
        TreeMap<String, String> misnamed = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue; // Lima's own (_disks, _config, _networks, ...) and hidden entries, as Lima skips them
                }
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // files and symbolic links are never instances, in Lima either
                }
                Optional<String> problem = Instance.nameProblem(name);
                if (problem.isPresent()) {
                    misnamed.put(name, entry + ": not an instance, " + problem.get() + "; left alone");
                } else {
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
        if (!misnamed.isEmpty()) {
            LOG.debug("Lima home {}: left alone, names Lima refuses: {}", path, misnamed.values());
        }
        return new Scan(List.copyOf(names), List.copyOf(others), List.copyOf(misnamed.values()));
    }

    /**
     * Reads every instance: its configuration, PID files and status.
     *
     * @return the instances, sorted by name
     * @throws LimaHomeException if the Lima home does not exist, is not a directory or cannot be listed
     */
    public List<LimaInstance> list() {
        InstanceDirectoryReader reader = reader();
        // Each directory is read on its own: on the calling thread and the library's idle
        // workers together (no thread is added, and a busy pool only means the caller reads more).
        return List.copyOf(FanOut.map(instanceNames(), name -> reader.read(path, name)));
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
        Reading r = reading;
        VmTypeExtensions extensions = new VmTypeExtensions(r.extensions().get(), r.settings());
        return new InstanceDirectoryReader(r.control(), r.os(),
                new VmStatusReader(extensions, new BoundedCommandRunner(), r.commandTimeout()));
    }

    private static void requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        Instance.nameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("Invalid Lima " + problem);
        });
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
