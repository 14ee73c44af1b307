// SPDX-License-Identifier: Apache-2.0
/**
 * Process-level benchmarks of Lifecycle, run by a plain {@code main} harness rather than
 * JMH: each measurement needs hundreds of real processes and its own JVM, which a JMH fork
 * per measurement would make awkward.
 *
 * <p>Layout: {@link dev.lifecycle.benchmarks.BenchmarkMain} runs every scenario in a fresh
 * JVM ({@link dev.lifecycle.benchmarks.ScenarioMain}) so that thread counts start from a
 * clean baseline and the polling exit watcher (a start-up property) can be measured too,
 * then prints one table. Each scenario JVM starts an
 * {@link dev.lifecycle.benchmarks.AgentHost}, a second small JVM that spawns the
 * {@code sh} "host agents": they are its children, not the scenario JVM's, so the library
 * watches non-child processes (as it does with real Lima agents) and the JDK's reaper
 * threads stay out of the scenario's thread counts. The host also reaps its children at
 * once and reports each exit instant, the way {@code init} or {@code systemd} would reap a
 * daemonized agent.
 *
 * <p>Cleanup does not depend on the harness finishing: every agent blocks reading a pipe
 * from the host and exits when it closes, and the host kills its agents by PID when its
 * own input (from the scenario JVM) closes.
 *
 * <p>The module runs on the class path from one shaded jar, so it has no
 * {@code module-info.java}.
 */
package dev.lifecycle.benchmarks;
