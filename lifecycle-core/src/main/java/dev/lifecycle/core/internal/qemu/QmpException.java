// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.qemu;

import java.io.IOException;

/** QMP did not work: the socket refused, QEMU did not answer in time, or answered with an error. */
public final class QmpException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, in words
     */
    public QmpException(String message) {
        super(message);
    }

    /**
     * @param message what failed, in words
     * @param cause the underlying failure
     */
    public QmpException(String message, Throwable cause) {
        super(message, cause);
    }
}
