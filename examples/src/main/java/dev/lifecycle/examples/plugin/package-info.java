// SPDX-License-Identifier: Apache-2.0
/**
 * A minimal {@link dev.lifecycle.spi.ProcessControl} provider, written as the worked
 * example of {@code docs/adding-a-platform.md}: small, honest about what it cannot do,
 * and passing the conformance kit on Linux.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.examples.plugin.ExampleProcessControl} — the provider: id
 *       {@code example}, priority 10, available where {@code /proc} is.</li>
 *   <li>{@link dev.lifecycle.examples.plugin.ExampleProcessTarget} — one proven process:
 *       SIGTERM as interrupt, SIGKILL as kill, both through {@link java.lang.ProcessHandle}.</li>
 *   <li>{@link dev.lifecycle.spi.ProcStat} (from the SPI) — reads {@code /proc/<pid>/stat}, so
 *       that a zombie counts as exited.</li>
 *   <li>{@link dev.lifecycle.examples.plugin.ExitPoller} — one thread watches every process,
 *       every 10 ms, only while something is watched.</li>
 * </ul>
 */
package dev.lifecycle.examples.plugin;
