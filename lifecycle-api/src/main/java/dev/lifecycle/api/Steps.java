package dev.lifecycle.api;

/**
 * Names of the steps the core stopper records in a {@link StopReport}, in the order they
 * can happen. A VM-type extension adds its own step, under its own name, as forced step 2
 * right after {@link #KILL_DRIVER} (for WSL2, {@code terminate-distro}), and as a check after
 * a graceful exit (for WSL2, {@code confirm-distro-stopped}). Names are stable: tools may
 * match on them.
 */
public final class Steps {
    /** Prove that a recorded PID still names the instance's process (one step per process). */
    public static final String IDENTIFY = "identify";
    /** Send the graceful interrupt (SIGINT, Ctrl+Break, ...) to the host agent. */
    public static final String INTERRUPT_HOST_AGENT = "interrupt-host-agent";
    /** Wait, up to the grace period, for every process of the instance to exit. */
    public static final String AWAIT_GRACEFUL_EXIT = "await-graceful-exit";
    /** Forced step 1: kill the VM driver and confirm it exited. */
    public static final String KILL_DRIVER = "kill-driver";
    /** Forced step 3: kill external driver servers ({@code *.drv.pid}) and confirm they exited. */
    public static final String STOP_DRIVER_SERVERS = "stop-driver-servers";
    /** Forced step 4 (and after a graceful stop): release additional disks locked by this instance. */
    public static final String UNLOCK_DISKS = "unlock-disks";
    /** Forced step 5: kill the host agent and confirm it exited. */
    public static final String KILL_HOST_AGENT = "kill-host-agent";
    /** Forced step 6 (and after a graceful stop): remove top-level {@code *.pid}, {@code *.sock}, {@code *.tmp}. */
    public static final String REMOVE_STALE_FILES = "remove-stale-files";

    private Steps() {
    }
}
