// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The networks an instance may attach to: the {@code networks:} entries of its
 * {@code lima.yaml} together with those of {@code $LIMA_HOME/_config/default.yaml} and
 * {@code _config/override.yaml}, which Lima appends to every instance's list
 * ({@code pkg/limayaml/defaults.go}). Taking all three, without Lima's per-interface
 * overrides, gives a superset: it can keep a daemon running that Lima would stop, never
 * the reverse.
 *
 * @param attachments every attachment found
 * @param problems what could not be read; when not empty the instance's networks are unknown
 */
public record DeclaredNetworks(NetworkAttachments attachments, List<String> problems) {

    /** Copies the list; validates that nothing is null. */
    public DeclaredNetworks {
        Objects.requireNonNull(attachments, "attachments");
        problems = List.copyOf(problems);
    }

    /** @return true if every file could be read, so the attachments are complete */
    public boolean known() {
        return problems.isEmpty();
    }

    /**
     * Reads an instance's networks.
     *
     * @param limaHome the Lima home
     * @param instanceDirectory the instance directory
     * @return what was found; never throws for what is on disk
     */
    public static DeclaredNetworks of(Path limaHome, Path instanceDirectory) {
        Set<String> lima = new LinkedHashSet<>();
        Set<String> sockets = new LinkedHashSet<>();
        LimaConfig config = LimaConfig.read(limaHome, instanceDirectory);
        for (LimaYaml file : List.of(config.instance(), config.defaults(), config.override())) {
            lima.addAll(file.networks().limaNetworks());
            sockets.addAll(file.networks().sockets());
        }
        return new DeclaredNetworks(new NetworkAttachments(List.copyOf(lima), List.copyOf(sockets)), config.problems());
    }
}
