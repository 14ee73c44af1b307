// SPDX-License-Identifier: Apache-2.0
/**
 * The Windows {@link dev.lifecycle.spi.ProcessControl}, {@link
 * dev.lifecycle.windows.WindowsProcessControl} (id {@code windows}), and its public face: the
 * {@link dev.lifecycle.windows.InterruptChannelStrategy} through which a host app says how
 * each of its agents is to be interrupted ({@link dev.lifecycle.windows.InterruptChannel}: a
 * named event, or Ctrl+Break). Internal layers, top down, not exported:
 *
 * <ul>
 *   <li>{@code process} — find a PID and pin it by a watch-only handle ({@code OpenProcess},
 *       checked with {@code GetProcessId}), prove its identity from {@code GetProcessTimes},
 *       kill with {@code TerminateProcess} while it is pinned, liveness by a zero wait;</li>
 *   <li>{@code interrupt} — a named event the process holds, else Ctrl+Break to a
 *       process-group root sent by a reused helper JVM ({@code helper}) attached to the
 *       target's console, never by the host JVM;</li>
 *   <li>{@code exitwatch} — exit events from {@code WaitForMultipleObjects} on shared
 *       threads, 63 processes per thread, one watcher per JVM;</li>
 *   <li>{@code win32} — the thin native boundary: an interface of Win32 calls, its one
 *       JNA implementation, and a wrapper that turns failures into typed exceptions.
 *       Everything above it is tested on any OS.</li>
 * </ul>
 */
package dev.lifecycle.windows;
