// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

/**
 * How a stand-in process answers the interrupt. Every stand-in is an {@code sh} script that
 * prints {@code ready} once its traps are set, then blocks in {@code read} on a pipe from
 * the agent host. Blocking in a builtin keeps it free of child processes and of CPU use
 * (a {@code sleep} loop would fork hundreds of times a second across hundreds of agents on
 * two cores), and end-of-file on that pipe ends every kind, so a stand-in cannot outlive
 * its host.
 */
enum AgentKind {

    /**
     * Exits on SIGINT or SIGTERM, as a Lima host agent that shuts down promptly: after the
     * agent's delay it sends SIGTERM to its driver, if it has one, and exits (a driver of
     * this kind exits at once on SIGTERM).
     */
    GRACEFUL,

    /** Ignores SIGINT and SIGTERM: only SIGKILL (or end of input) ends it. */
    IGNORING,

    /** No traps: used by the exit-latency trials, which end it with SIGKILL. */
    PLAIN;

    private static final String BLOCK = "echo ready; read line; exit 0";

    /**
     * @param delayMs how long a graceful stand-in takes to shut down after the interrupt
     * @param driverPid the driver a graceful agent stops before it exits, or 0 for none
     * @return the script
     */
    String script(long delayMs, long driverPid) {
        switch (this) {
            case GRACEFUL:
                String shutdown = (delayMs > 0 ? "sleep " + seconds(delayMs) + "; " : "")
                        + (driverPid > 0 ? "kill -TERM " + driverPid + " 2>/dev/null; " : "");
                return "trap '" + shutdown + "exit 0' INT TERM; " + BLOCK;
            case IGNORING:
                return "trap '' INT TERM; " + BLOCK;
            default:
                return BLOCK;
        }
    }

    /** {@code sleep} takes decimal seconds (GNU coreutils, busybox). */
    static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }
}
