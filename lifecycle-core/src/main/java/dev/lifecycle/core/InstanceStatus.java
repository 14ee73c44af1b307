package dev.lifecycle.core;

/**
 * An instance's state as {@code limactl list} reports it, decided from its PID files and
 * which recorded processes still run: see {@link LimaInstance#status()}.
 */
public enum InstanceStatus {
    /** The host agent and (where the VM type has one) the driver are running. */
    RUNNING,
    /** Neither the host agent nor the driver is running. */
    STOPPED,
    /** Only part of the instance is running, or its files cannot be read. */
    BROKEN
}
