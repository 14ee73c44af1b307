// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Lima-style VM instance as the stopper sees it: where it lives and which processes
 * and disks are its own. Build one with {@link #builder(String, Path)}, or read it from a
 * Lima home with {@code dev.lifecycle.core.LimaHome}.
 *
 * @param name the instance name, as Lima validates it
 * @param directory the instance directory, normally {@code $LIMA_HOME/<name>}
 * @param limaHome the Lima home that holds {@code _disks}, normally the directory's parent
 * @param vmType the VM type
 * @param hostAgent the host agent process ({@code ha.pid}), if one is recorded
 * @param driver the VM driver process ({@code <vmType>.pid}), if one is recorded
 * @param driverServers external driver server processes ({@code <driver>.drv.pid}, or
 *     {@code lima-driver-<driver>-<owner>.pid} as Lima 2.1.2–2.1.4 named them)
 * @param additionalDisks names of additional disks under {@code $LIMA_HOME/_disks}
 * @param configProblem why the instance's configuration ({@code lima.yaml}) could not be
 *     read completely, if it could not: then the VM type may be the platform default,
 *     {@code additionalDisks} may miss disks, and a stop's report says the disks are unknown
 * @param limaVersion the Lima version that created the instance (its {@code lima-version}
 *     file), if known
 */
public record Instance(String name, Path directory, Path limaHome, VmType vmType,
                       Optional<ProcessRef> hostAgent, Optional<ProcessRef> driver,
                       List<ProcessRef> driverServers, List<String> additionalDisks,
                       Optional<String> configProblem,
                       Optional<String> limaVersion) {

    /** Lima's instance name rule. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");
    /** Lima's limit on name length. */
    public static final int MAX_NAME_LENGTH = 76;
    /** The longest {@link #limaVersion()} accepted; Lima's own are far shorter. */
    public static final int MAX_VERSION_LENGTH = 128;

    /**
     * Validates the instance and copies the lists.
     *
     * @throws IllegalArgumentException if the name or a disk name breaks Lima's rules, or the
     *     Lima version is blank or not one line of printable text
     */
    public Instance {
        requireValidName(name);
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(limaHome, "limaHome");
        Objects.requireNonNull(vmType, "vmType");
        Objects.requireNonNull(hostAgent, "hostAgent");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(limaVersion, "limaVersion");
        limaVersion.ifPresent(version -> requireValidVersion(name, version));
        driverServers = List.copyOf(driverServers);
        additionalDisks = List.copyOf(additionalDisks);
        Objects.requireNonNull(configProblem, "configProblem");
        for (String disk : additionalDisks) {
            if (!isValidIdentifier(disk)) {
                throw new IllegalArgumentException("Instance '" + name + "': invalid additional disk name '"
                        + disk + "' (Lima names use letters, digits and single . _ - between them)");
            }
        }
    }

    /**
     * Whether a text is a valid Lima instance name (Lima's {@code dirnames.ValidateInstName}):
     * a valid identifier ({@link #isValidIdentifier}) that does not end in {@code .yml} or
     * {@code .yaml}, in any case — {@code limactl} takes such an argument for a template file.
     *
     * @param name the candidate
     * @return true if Lima accepts it as an instance name
     */
    public static boolean isValidName(String name) {
        if (!isValidIdentifier(name)) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return !lower.endsWith(".yml") && !lower.endsWith(".yaml");
    }

    /**
     * Whether a text is a valid Lima identifier (Lima's {@code identifiers.Validate}), the rule
     * for additional disk and network names: {@code [A-Za-z0-9]+([._-][A-Za-z0-9]+)*}, at most
     * {@value #MAX_NAME_LENGTH} characters.
     *
     * @param name the candidate
     * @return true if it matches Lima's rule and length limit
     */
    public static boolean isValidIdentifier(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME_LENGTH
                && NAME.matcher(name).matches();
    }

    /**
     * Why Lima refuses a text as an instance name, in its own terms.
     *
     * @param name the candidate
     * @return the reason, or empty if it is a valid instance name
     */
    public static Optional<String> nameProblem(String name) {
        if (isValidName(name)) {
            return Optional.empty();
        }
        if (isValidIdentifier(name)) {
            return Optional.of("instance name '" + name + "' must not end with .yml or .yaml");
        }
        return Optional.of("instance name '" + name + "' is not a valid identifier: Lima names match"
                + " [A-Za-z0-9]+([._-][A-Za-z0-9]+)* and have at most " + MAX_NAME_LENGTH + " characters");
    }

    /**
     * Whether a text can be shown as a Lima version: one line of printable ASCII, not blank,
     * at most {@value #MAX_VERSION_LENGTH} characters. Lima writes versions such as
     * {@code 2.1.4} or {@code 2.2.0-beta.0-12-gabcdef0}.
     *
     * @param version the candidate
     * @return true if it is acceptable as {@link #limaVersion()}
     */
    public static boolean isValidLimaVersion(String version) {
        if (version == null || version.isBlank() || version.length() > MAX_VERSION_LENGTH) {
            return false;
        }
        return version.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static void requireValidVersion(String name, String version) {
        if (!isValidLimaVersion(version)) {
            throw new IllegalArgumentException("Instance '" + name + "': a Lima version is one line of printable"
                    + " ASCII of at most " + MAX_VERSION_LENGTH + " characters, such as 2.1.4");
        }
    }

    private static void requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        nameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException("Invalid " + problem);
        });
    }

    /**
     * Every recorded process of the instance, driver first, then driver servers, then the
     * host agent. A PID recorded twice (VZ writes the agent's PID as the driver's) appears once.
     *
     * @return the distinct process references
     */
    public List<ProcessRef> processes() {
        List<ProcessRef> all = new ArrayList<>();
        driver.ifPresent(all::add);
        all.addAll(driverServers);
        hostAgent.ifPresent(all::add);
        List<ProcessRef> distinct = new ArrayList<>();
        for (ProcessRef ref : all) {
            if (distinct.stream().noneMatch(r -> r.pid() == ref.pid())) {
                distinct.add(ref);
            }
        }
        return List.copyOf(distinct);
    }

    /**
     * Starts a builder for an instance whose directory is {@code limaHome/name}.
     *
     * @param name the instance name
     * @param limaHome the Lima home
     * @return a builder with the platform default VM type and no processes
     */
    public static Builder builder(String name, Path limaHome) {
        return new Builder(name, limaHome);
    }

    /** Builds an {@link Instance}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Path limaHome;
        private Path directory;
        private VmType vmType = VmType.platformDefault();
        private ProcessRef hostAgent;
        private ProcessRef driver;
        private final List<ProcessRef> driverServers = new ArrayList<>();
        private final List<String> additionalDisks = new ArrayList<>();
        private String configProblem;
        private String limaVersion;

        private Builder(String name, Path limaHome) {
            this.name = Objects.requireNonNull(name, "name");
            this.limaHome = Objects.requireNonNull(limaHome, "limaHome");
        }

        /**
         * @param directory the instance directory, when it is not {@code limaHome/name}
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param vmType the VM type
         * @return this builder
         */
        public Builder vmType(VmType vmType) {
            this.vmType = Objects.requireNonNull(vmType, "vmType");
            return this;
        }

        /**
         * @param hostAgent the host agent process
         * @return this builder
         */
        public Builder hostAgent(ProcessRef hostAgent) {
            this.hostAgent = Objects.requireNonNull(hostAgent, "hostAgent");
            return this;
        }

        /**
         * @param driver the driver process
         * @return this builder
         */
        public Builder driver(ProcessRef driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
            return this;
        }

        /**
         * @param server an external driver server process
         * @return this builder
         */
        public Builder addDriverServer(ProcessRef server) {
            driverServers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        /**
         * @param disk the name of an additional disk under {@code _disks}
         * @return this builder
         */
        public Builder addAdditionalDisk(String disk) {
            additionalDisks.add(Objects.requireNonNull(disk, "disk"));
            return this;
        }

        /**
         * @param problem why the configuration could not be read completely (its additional
         *     disks may be missing), as the reader of {@code lima.yaml} found it
         * @return this builder
         */
        public Builder configProblem(String problem) {
            this.configProblem = Objects.requireNonNull(problem, "problem");
            return this;
        }

        /**
         * @param limaVersion the Lima version that created the instance, e.g. {@code 2.1.4}
         * @return this builder
         */
        public Builder limaVersion(String limaVersion) {
            this.limaVersion = Objects.requireNonNull(limaVersion, "limaVersion");
            return this;
        }

        /**
         * @return the instance
         * @throws IllegalArgumentException if a name or the Lima version breaks Lima's rules
         */
        public Instance build() {
            Path dir = directory != null ? directory : limaHome.resolve(name);
            return new Instance(name, dir, limaHome, vmType, Optional.ofNullable(hostAgent),
                    Optional.ofNullable(driver), driverServers, additionalDisks, Optional.ofNullable(configProblem),
                    Optional.ofNullable(limaVersion));
        }
    }
}
