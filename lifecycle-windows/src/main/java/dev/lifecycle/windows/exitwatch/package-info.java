// SPDX-License-Identifier: Apache-2.0
/**
 * Event-driven exit watching on Windows: {@link
 * dev.lifecycle.windows.exitwatch.WindowsExitWatcher} spreads watched process handles over a
 * few shared daemon threads ({@link dev.lifecycle.windows.exitwatch.WaitGroup}), each blocked
 * in one {@code WaitForMultipleObjects} on at most 63 process handles plus its wake-up event,
 * which is the 64-handle limit of that call. A process handle becomes signalled the moment
 * the process exits, so no polling is involved; futures complete on the wait thread.
 */
package dev.lifecycle.windows.exitwatch;
