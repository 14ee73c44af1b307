// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import dev.lifecycle.spi.Availability;
import java.util.Objects;

/**
 * What discovery found for one {@link dev.lifecycle.spi.ProcessControl} provider.
 *
 * @param id the provider id
 * @param className the implementing class
 * @param priority its priority
 * @param availability whether it works here, and why not
 */
public record ProviderInfo(String id, String className, int priority, Availability availability) {
    /** Validates that nothing is null. */
    public ProviderInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(availability, "availability");
    }
}
