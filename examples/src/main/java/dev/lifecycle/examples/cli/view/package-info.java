// SPDX-License-Identifier: Apache-2.0
/**
 * How the CLI shows things: tables of instances and of stop reports, live progress (one
 * updating line per instance on a terminal, one line per event elsewhere) and the JSON
 * document of {@code stop --json}. Each class writes to a {@link java.io.PrintWriter} it is
 * given and knows nothing of the command line.
 */
package dev.lifecycle.examples.cli.view;
