// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

/**
 * The numbered clauses of {@code docs/spi-contract.md} that the kit enforces. Every
 * failure message starts with one, so that a red test points at the sentence it broke.
 */
enum Clause {
    /** Id, priority and availability of a {@code ProcessControl}. */
    PROVIDER(1, "provider"),
    /** PID 1 and below and the current process are never signalled. */
    REFUSALS(2, "refusals"),
    /** The process is proven to be the referenced one before any signal. */
    IDENTITY(3, "identity"),
    /** A process that has gone is a value, never an exception; a zombie has exited. */
    GONE(4, "gone processes"),
    /** Interrupt and kill. */
    SIGNALS(5, "signals"),
    /** {@code onExit}, {@code isAlive}, and no thread per watched process. */
    EXIT_WATCHING(6, "exit watching"),
    /** Closing targets and calling from many threads. */
    TARGETS(7, "targets and threads"),
    /** Details name the PID. */
    REPORTING(8, "reporting"),
    /** Socket listeners are reported truthfully, or the provider says why it cannot search. */
    SOCKET_LISTENERS(15, "socket listeners"),
    /** Id and the VM types a {@code VmTypeExtension} handles. */
    EXTENSION(10, "extension"),
    /** {@code stopVm} and {@code ensureVmStopped} return values, never throw. */
    STOPPING_THE_VM(11, "stopping the VM"),
    /** Every external command goes through the context's runner, bounded by the command timeout. */
    COMMANDS(12, "commands"),
    /** Step names and messages of an extension. */
    EXTENSION_REPORTING(13, "extension reporting"),
    /** An extension serves concurrent stops. */
    EXTENSION_THREADS(14, "extension threads"),
    /** {@code status} only reads, is bounded, and never calls a VM it cannot see stopped. */
    VM_STATUS(15, "VM status");

    private final int number;
    private final String title;

    Clause(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /**
     * @param text what broke, naming the PID or instance
     * @return the failure message, e.g. {@code Contract §3 (identity): PID 42 ...}
     */
    String says(String text) {
        return "Contract §" + number + " (" + title + "): " + text;
    }
}
