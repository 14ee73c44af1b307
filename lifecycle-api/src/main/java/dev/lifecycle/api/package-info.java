// SPDX-License-Identifier: Apache-2.0
/**
 * The public API of Lifecycle: what a host application uses to stop Lima-style VM
 * instances.
 *
 * <p>Architecture in a few lines: an {@link dev.lifecycle.api.Instance} describes one VM
 * instance (its directory, VM type, host agent and driver processes, additional disks).
 * An {@link dev.lifecycle.api.InstanceStopper} stops it according to
 * {@link dev.lifecycle.api.StopOptions} — graceful first, forced when it must — and
 * returns a {@link dev.lifecycle.api.StopReport} that lists every step taken. A
 * {@link dev.lifecycle.api.StopListener} sees each step as it happens. The operating
 * system work is done by a {@link dev.lifecycle.spi.ProcessControl} provider found through
 * {@link java.util.ServiceLoader}; VM-type specifics (such as WSL2 distros) by a
 * {@link dev.lifecycle.spi.VmTypeExtension}.
 *
 * <p>All types here are immutable and never return {@code null}.
 */
package dev.lifecycle.api;
