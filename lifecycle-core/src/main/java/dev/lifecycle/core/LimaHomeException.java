// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Lima home, or an instance in it, cannot be read: the home does not exist or is not a
 * directory, it cannot be listed, or a named instance is not there. The message names the
 * path, the instance where there is one, and what to do.
 *
 * <p>Defects inside an instance directory are not exceptions: they make the instance
 * {@link InstanceStatus#BROKEN} and are listed in
 * {@link LimaInstance#problems()}.
 */
public final class LimaHomeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The Lima home; kept as text so that the exception stays serializable. */
    private final String limaHome;

    /**
     * @param limaHome the Lima home concerned
     * @param message what failed and what to do
     * @param cause the underlying error, if any (may be {@code null})
     */
    public LimaHomeException(Path limaHome, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.limaHome = Objects.requireNonNull(limaHome, "limaHome").toString();
    }

    /**
     * @return the Lima home concerned
     */
    public Path limaHome() {
        return Path.of(limaHome);
    }
}
