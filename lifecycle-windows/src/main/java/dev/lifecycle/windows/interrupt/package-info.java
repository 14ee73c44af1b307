// SPDX-License-Identifier: Apache-2.0
/**
 * Graceful interrupts on Windows without touching the host JVM's console. {@link
 * dev.lifecycle.windows.interrupt.GracefulInterrupt} tries the named event the host app's
 * strategy names for the instance, role and PID ({@link
 * dev.lifecycle.windows.interrupt.NamedEventChannel}: set only if the pinned process holds
 * that very event), then Ctrl+Break ({@link dev.lifecycle.windows.interrupt.ConsoleBreakChannel}:
 * only to the root of a console process group, read by {@link
 * dev.lifecycle.windows.interrupt.ProcessGroups}), delivered by one reused helper JVM
 * ({@link dev.lifecycle.windows.interrupt.ReusedHelper}, {@link
 * dev.lifecycle.windows.interrupt.HelperProcess}, started as {@link
 * dev.lifecycle.windows.interrupt.HelperCommand} says). {@link
 * dev.lifecycle.windows.interrupt.HelperResults} turns its replies into {@link
 * dev.lifecycle.spi.SignalResult}s.
 */
package dev.lifecycle.windows.interrupt;
