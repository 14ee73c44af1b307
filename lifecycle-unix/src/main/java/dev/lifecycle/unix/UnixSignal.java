// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

/** The two signals Lifecycle sends; each platform's pin maps them to its own numbers. */
enum UnixSignal {
    /** Graceful: what Lima's host agent treats as a stop request. */
    SIGINT,
    /** Forced: cannot be caught or ignored. */
    SIGKILL
}
