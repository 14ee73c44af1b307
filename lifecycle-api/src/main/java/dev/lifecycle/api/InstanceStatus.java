package dev.lifecycle.api;

/** An instance's state as Lima reports it from its PID files. */
public enum InstanceStatus {
    /** The host agent and (where the VM type has one) the driver are running. */
    RUNNING,
    /** Neither the host agent nor the driver is running. */
    STOPPED,
    /** Only part of the instance is running, or its files cannot be read. */
    BROKEN
}
