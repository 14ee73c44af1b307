// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

/**
 * An instance's state as {@code limactl list} reports it, decided from its PID files, which
 * recorded processes still run, and — for a VM type without a driver PID file, such as WSL2 —
 * what the VM type's tool says about the VM: see {@link LimaInstance#status()}.
 */
public enum InstanceStatus {
    /** The host agent and the VM (its driver process, or the VM its tool reports) are running. */
    RUNNING,
    /** Neither the host agent nor the VM is running. */
    STOPPED,
    /** The VM is being created (WSL2: its distro is {@code Installing}); Lima's {@code Installing}. */
    INSTALLING,
    /** The VM does not exist yet (WSL2: no distro {@code lima-<name>}); Lima's {@code Uninitialized}. */
    UNINITIALIZED,
    /** Only part of the instance is running, or its files or its VM's state cannot be read. */
    BROKEN
}
