// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code lifecycle} command line: {@code list}, {@code stop} and {@code demo}, built with
 * picocli on the public API only ({@code dev.lifecycle.api} and {@code dev.lifecycle.core}).
 * {@link dev.lifecycle.examples.cli.LifecycleCli} is the entry point; output formats live
 * in {@code dev.lifecycle.examples.cli.view}.
 */
package dev.lifecycle.examples.cli;
