// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

/** How a stop is shown. */
enum OutputStyle {
    /** One JSON document on stdout, nothing else. */
    JSON,
    /** One line per instance, updated in place, then the summary table. */
    LIVE,
    /** One line per event, then the summary table: for pipes, files and terminals without ANSI. */
    PLAIN;

    /**
     * @param json whether {@code --json} was given
     * @param terminal what stdout is
     * @return the style to use
     */
    static OutputStyle choose(boolean json, CliContext.Terminal terminal) {
        if (json) {
            return JSON;
        }
        return terminal.interactive() && terminal.ansi() ? LIVE : PLAIN;
    }
}
