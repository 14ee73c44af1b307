// SPDX-License-Identifier: Apache-2.0
/**
 * Processes pinned by a handle: {@link dev.lifecycle.windows.process.WindowsProcessFinder}
 * opens a watch-only handle on a PID, checks that it refers to exactly that PID, proves from
 * the handle's creation time that it is the referenced process and hands out a {@link
 * dev.lifecycle.windows.process.WindowsProcessTarget} that holds the handle until closed.
 * Every interrupt, kill and wait happens while that handle pins the PID, so a PID reused
 * after the check can never be hit.
 */
package dev.lifecycle.windows.process;
