// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

/**
 * What a real test process started by {@link ProcessControlContract} does when it is
 * interrupted. Every test process prints the line {@code ready} on standard output once
 * its interrupt handling is in place, and exits with status 0 when its standard input
 * reaches end of file (the kit's way to let it end without any signal).
 */
public enum TestProcessBehaviour {
    /**
     * On an interrupt (SIGINT or SIGTERM on Unix; Ctrl+Break or the provider's own channel
     * on Windows) it writes the interrupt marker file and exits with status 0.
     */
    EXITS_ON_INTERRUPT,
    /** It ignores interrupts: only a kill, or end of file on standard input, ends it. */
    IGNORES_INTERRUPT
}
