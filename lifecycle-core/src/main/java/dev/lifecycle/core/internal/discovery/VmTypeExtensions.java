// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.discovery;

import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.VmTypeExtension;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The VM-type extensions in use and the host app's settings for each, keyed by extension
 * id. One rule for the stopper and the Lima home reader: an instance's extension is the
 * first whose {@link VmTypeExtension#supports} is true for its VM type, and an extension
 * sees only the settings given under its own id.
 */
public final class VmTypeExtensions {

    private final List<VmTypeExtension> extensions;
    private final Map<String, Map<String, String>> settings;

    /**
     * @param extensions the extensions, first match wins
     * @param settings the host app's settings by extension id
     */
    public VmTypeExtensions(List<VmTypeExtension> extensions, Map<String, Map<String, String>> settings) {
        this.extensions = List.copyOf(extensions);
        this.settings = Map.copyOf(settings);
    }

    /**
     * @param vmType an instance's VM type
     * @return the extension that handles it, if any
     */
    public Optional<VmTypeExtension> forVmType(VmType vmType) {
        Objects.requireNonNull(vmType, "vmType");
        return extensions.stream().filter(e -> e.supports(vmType)).findFirst();
    }

    /**
     * @param extension an extension
     * @return the settings the host app gave under its id, possibly empty
     */
    public Map<String, String> settingsOf(VmTypeExtension extension) {
        return settings.getOrDefault(extension.id(), Map.of());
    }
}
