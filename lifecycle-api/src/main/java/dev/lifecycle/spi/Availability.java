// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a provider can work on this machine, and why not when it cannot.
 *
 * @param available true if the provider can be used here
 * @param cause why it cannot, when it cannot (empty when available)
 */
public record Availability(boolean available, Optional<String> cause) {

    private static final Availability AVAILABLE = new Availability(true, Optional.empty());

    /**
     * Validates that an unavailable result names its cause.
     *
     * @throws IllegalArgumentException if unavailable without a cause or available with one
     */
    public Availability {
        Objects.requireNonNull(cause, "cause");
        if (available == cause.isPresent()) {
            throw new IllegalArgumentException(available
                    ? "an available provider has no cause of unavailability"
                    : "an unavailable provider must say why");
        }
    }

    /**
     * @return the result for a usable provider
     */
    public static Availability ok() {
        return AVAILABLE;
    }

    /**
     * @param cause why the provider cannot work here, in words a user can act on
     * @return the result for an unusable provider
     */
    public static Availability unavailable(String cause) {
        return new Availability(false, Optional.of(cause));
    }
}
