// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import dev.lifecycle.api.VmType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An instance's configuration as Lima uses it: never {@code lima.yaml} alone, but merged with
 * {@code $LIMA_HOME/_config/default.yaml} and {@code $LIMA_HOME/_config/override.yaml}
 * ({@code pkg/limayaml/load.go}, {@code FillDefault} in {@code defaults.go}) — for the
 * settings a stop needs: {@code vmType} and {@code arch} from the override, else the instance,
 * else the defaults; {@code additionalDisks} from all three, the override's first, then the
 * instance's, then the defaults' (Lima concatenates them; a disk named twice counts once).
 *
 * <p>A missing {@code default.yaml} or {@code override.yaml} is normal; one that exists but
 * cannot be read or parsed is a problem naming the file (Lima's {@code limactl list} shows the
 * instance Broken then), and so is a setting in it that cannot be read. The other files still
 * count, so a stop handles what they name.
 *
 * @param defaults {@code _config/default.yaml}, or {@link LimaYaml#empty()} when it does not exist
 * @param instance the instance's {@code lima.yaml}
 * @param override {@code _config/override.yaml}, or {@link LimaYaml#empty()} when it does not exist
 */
record LimaConfig(LimaYaml defaults, LimaYaml instance, LimaYaml override) {

    /** Lima's configuration directory under the Lima home. */
    static final String CONFIG_DIR = "_config";
    /** Settings every instance starts from. */
    static final String DEFAULT_FILE = "default.yaml";
    /** Settings that win over every instance's. */
    static final String OVERRIDE_FILE = "override.yaml";

    /** Validates that nothing is null. */
    LimaConfig {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(override, "override");
    }

    /**
     * Reads the three files.
     *
     * @param limaHome the Lima home, which holds {@code _config}
     * @param instanceDir the instance directory, which holds {@code lima.yaml}
     * @return the three files as read; never throws for what is on disk
     */
    static LimaConfig read(Path limaHome, Path instanceDir) {
        Path config = limaHome.resolve(CONFIG_DIR);
        return new LimaConfig(shared(config.resolve(DEFAULT_FILE)), LimaYaml.read(instanceDir.resolve(LimaYaml.FILE_NAME)),
                shared(config.resolve(OVERRIDE_FILE)));
    }

    /**
     * A shared file that does not exist sets nothing, as in Lima; any other failure to read
     * it is a problem. Lima reads it with {@code os.ReadFile}, so a dangling symbolic link is
     * as missing as no file.
     */
    private static LimaYaml shared(Path file) {
        return Files.exists(file) ? LimaYaml.read(file) : LimaYaml.empty();
    }

    /** @return the VM type the files set: the override's, else the instance's, else the defaults' */
    Optional<VmType> vmType() {
        return first(override.vmType(), instance.vmType(), defaults.vmType());
    }

    /** @return the guest architecture the files set, as written ({@code default} and empty included) */
    Optional<String> arch() {
        return first(override.arch(), instance.arch(), defaults.arch());
    }

    /** @return the additional disks of all three files, the override's first, each once */
    List<String> additionalDisks() {
        Set<String> all = new LinkedHashSet<>();
        for (LimaYaml file : List.of(override, instance, defaults)) {
            file.additionalDisks().ifPresent(all::addAll);
        }
        return List.copyOf(all);
    }

    /** @return what could not be read, each naming its file: the instance's first */
    List<String> problems() {
        List<String> all = new ArrayList<>(instance.problems());
        all.addAll(defaults.problems());
        all.addAll(override.problems());
        return List.copyOf(all);
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... candidates) {
        for (Optional<T> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }
}
