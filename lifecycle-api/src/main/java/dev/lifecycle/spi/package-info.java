// SPDX-License-Identifier: Apache-2.0
/**
 * The provider SPI: what a platform plugin implements, found through
 * {@link java.util.ServiceLoader}.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.spi.ProcessControl} — per-OS process work: prove a PID's
 *       identity and pin it ({@link dev.lifecycle.spi.ProcessTarget}), interrupt, kill,
 *       watch for exit. The highest-priority available provider wins.</li>
 *   <li>{@link dev.lifecycle.spi.VmTypeExtension} — VM-type specifics, such as the WSL2
 *       distro that has no driver PID; runs as the driver step of the forced path and
 *       confirms the VM is down after a graceful stop.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe and must never signal PID 1 or below, the
 * current process, or a process whose identity they have not proven.
 */
package dev.lifecycle.spi;
