// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

/**
 * Names of the steps the core stopper records in a {@link StopReport}, in the order they
 * can happen. A VM-type extension adds its own step, under its own name, as forced step 2
 * right after {@link #KILL_DRIVER} (for WSL2, {@code terminate-distro}), and as a check after
 * a graceful exit (for WSL2, {@code confirm-distro-stopped}). Names are stable: tools may
 * match on them.
 */
public final class Steps {
    /**
     * Recorded first, and only, when the stop runs degraded: the process control made for this
     * OS cannot work here and a lower one (such as the pure-JDK fallback) stands in. The
     * message names both, the cause and the fix. No event is published for it.
     */
    public static final String PROCESS_CONTROL = "process-control";
    /** Prove that a recorded PID still names the instance's process (one step per process). */
    public static final String IDENTIFY = "identify";
    /**
     * For an instance started at login ({@code limactl start-at-login}) whose service is active:
     * stop it through its service manager ({@code systemctl --user stop lima-vm@<name>.service},
     * {@code launchctl bootout gui/<uid>/io.lima-vm.autostart.<name>}), so that the manager does
     * not start it again. Recorded only for an instance with a start-at-login entry.
     */
    public static final String STOP_AUTOSTART_SERVICE = "stop-autostart-service";
    /** Send the graceful interrupt (SIGINT, Ctrl+Break, ...) to the host agent. */
    public static final String INTERRUPT_HOST_AGENT = "interrupt-host-agent";
    /**
     * The host agent is gone and QEMU still runs: ask the guest to power off, as the host
     * agent does — QMP {@code system_powerdown} on the instance's {@code qmp.sock}.
     */
    public static final String POWERDOWN_VM = "powerdown-vm";
    /**
     * The host agent is gone and a driver (other than QEMU) or driver server still runs:
     * send it the graceful interrupt.
     */
    public static final String INTERRUPT_DRIVER = "interrupt-driver";
    /** Wait, up to the grace period, for every process of the instance to exit. */
    public static final String AWAIT_GRACEFUL_EXIT = "await-graceful-exit";
    /** Forced step 1: kill the VM driver and confirm it exited. */
    public static final String KILL_DRIVER = "kill-driver";
    /**
     * Forced step 3: kill external driver servers ({@code <driver>.drv.pid}, and
     * {@code lima-driver-<driver>-ha.pid} / {@code -cli.pid} of Lima 2.1.2–2.1.4) and confirm they exited.
     */
    public static final String STOP_DRIVER_SERVERS = "stop-driver-servers";
    /** Forced step 4 (and after a graceful stop): release additional disks locked by this instance. */
    public static final String UNLOCK_DISKS = "unlock-disks";
    /** Forced step 5: kill the host agent and confirm it exited. */
    public static final String KILL_HOST_AGENT = "kill-host-agent";
    /**
     * Once the driver and host agent are gone (forced or graceful): stop the processes that
     * still listen on a socket in the instance directory — an ssh ControlMaster
     * ({@code ssh.sock}), virtiofsd, swtpm — interrupt, a short wait, then kill, each exit
     * confirmed. Lima's graceful path ends them; a killed host agent leaves them running.
     */
    public static final String STOP_SOCKET_HOLDERS = "stop-socket-holders";
    /** Forced step 6 (and after a graceful stop): remove top-level {@code *.pid}, {@code *.sock}, {@code *.tmp}. */
    public static final String REMOVE_STALE_FILES = "remove-stale-files";
    /**
     * After every stop of a batch: a daemon of a Lima shared network ({@code usernet},
     * {@code socket_vmnet}) that an instance of the batch used and that no instance which may
     * still run uses any more is stopped (one step per network, in the report of every instance
     * of the batch that used it).
     */
    public static final String STOP_NETWORK_DAEMONS = "stop-network-daemons";

    private Steps() {
    }
}
