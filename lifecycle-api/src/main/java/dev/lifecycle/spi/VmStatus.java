// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import java.util.Objects;

/**
 * An instance's VM as its VM type's own tool reports it, for listing: the answer of
 * {@link VmTypeExtension#status}. For WSL2 it is the distro's state in
 * {@code wsl.exe --list --verbose}, which is what Lima's {@code limactl list} shows.
 *
 * @param state what the tool said, or {@link State#UNKNOWN} when it could not say
 * @param detail the evidence in words: what the tool said about the VM, named as the tool
 *     knows it (the distro {@code lima-<name>}); for {@link State#UNKNOWN}, why the state is
 *     not known. The caller knows the instance: the detail does not repeat it
 */
public record VmStatus(State state, String detail) {

    /** The states Lima shows for a VM whose tool decides. */
    public enum State {
        /** The VM runs. */
        RUNNING,
        /** The VM exists and does not run. */
        STOPPED,
        /** The VM is being created (WSL2: the distro is {@code Installing}). */
        INSTALLING,
        /** The VM does not exist (WSL2: no distro {@code lima-<name>} is registered). */
        UNINITIALIZED,
        /**
         * The tool answered, and its answer says the VM or its setup is broken (WSL2: no
         * distribution is installed at all, which Lima reports as Broken).
         */
        BROKEN,
        /**
         * The state could not be told: the tool could not start, timed out, failed, or
         * answered something the extension cannot read. The VM may run.
         */
        UNKNOWN
    }

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the detail is blank
     */
    public VmStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        if (detail.isBlank()) {
            throw new IllegalArgumentException("a VmStatus says what the tool said, or why it said nothing, in its detail");
        }
    }
}
