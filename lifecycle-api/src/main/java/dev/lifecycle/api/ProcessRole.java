// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

/**
 * The part a process plays in an instance. A host app that names per-role channels (such as
 * a Windows interrupt event per role) uses {@link #id()}.
 */
public enum ProcessRole {
    /** The host agent ({@code ha.pid}), which Lima starts as {@code limactl hostagent}. */
    HOST_AGENT("hostagent"),
    /** The VM driver ({@code <vmType>.pid}), such as QEMU. */
    DRIVER("driver"),
    /** An external driver server ({@code <driver>.drv.pid}). */
    DRIVER_SERVER("driver-server");

    private final String id;

    ProcessRole(String id) {
        this.id = id;
    }

    /** @return a short lower-case word for names: {@code hostagent}, {@code driver}, {@code driver-server} */
    public String id() {
        return id;
    }
}
