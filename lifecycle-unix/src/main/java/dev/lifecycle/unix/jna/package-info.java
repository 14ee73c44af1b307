// SPDX-License-Identifier: Apache-2.0
/**
 * Raw JNA bindings and their thin Java-friendly wrappers, kept apart from the logic that
 * uses them, in the manner of JNA's own {@code Kernel32} / {@code Kernel32Util}:
 *
 * <ul>
 *   <li>{@link dev.lifecycle.unix.jna.LinuxLibC} and {@link dev.lifecycle.unix.jna.MacLibSystem}
 *       map only what jna-platform's {@code LibC} and {@code SystemB} lack; names and
 *       constants are spelled as in the C headers.</li>
 *   <li>{@link dev.lifecycle.unix.jna.EpollEvent} and {@link dev.lifecycle.unix.jna.Kevent}
 *       describe struct layouts written by hand (the epoll one differs by architecture).</li>
 *   <li>{@link dev.lifecycle.unix.jna.LinuxNative} and {@link dev.lifecycle.unix.jna.MacNative}
 *       turn {@code -1} + errno into an {@link dev.lifecycle.unix.jna.ErrnoException} whose
 *       kind callers can switch on without knowing per-OS errno numbers.</li>
 * </ul>
 *
 * <p>Nothing here may be touched before the provider's availability probe has loaded the
 * library: loading can fail (no JNA, no native access) and that must become a cause, not
 * an error.
 */
package dev.lifecycle.unix.jna;
