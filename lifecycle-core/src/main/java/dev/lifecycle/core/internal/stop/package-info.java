// SPDX-License-Identifier: Apache-2.0
/**
 * The stop itself. {@link dev.lifecycle.core.internal.stop.StopRun} runs one instance:
 * identify its processes, ask for a shutdown (interrupt the host agent, or power an
 * orphaned QEMU's guest off over QMP), wait against the deadline, then the forced sequence
 * of upstream Lima (driver, VM-type extension, driver servers, disk unlock, host agent,
 * stale files), each kill confirmed before the next step by
 * {@link dev.lifecycle.core.internal.stop.ProcessKiller}; before the files go,
 * {@link dev.lifecycle.core.internal.stop.SocketHolders} stops the helpers left on the
 * instance's sockets. Whether disks and files may go is
 * decided in one place, {@link dev.lifecycle.core.internal.stop.TeardownGate}.
 * {@link dev.lifecycle.core.internal.stop.DefaultInstanceStopper} runs many at once under
 * one deadline on the small fixed pool of {@link dev.lifecycle.core.internal.stop.StopThreads}.
 * Around the runs: {@link dev.lifecycle.core.internal.stop.AutostartServiceStop} asks the
 * service manager to stop an instance started at login before anything is signalled, and
 * {@link dev.lifecycle.core.internal.stop.NetworkReconcile} stops the shared-network daemons
 * the batch left unused, each through {@link dev.lifecycle.core.internal.stop.NetworkDaemonStop}.
 * {@link dev.lifecycle.core.internal.stop.FanOut} lends the same workers to reads that are
 * independent per instance ({@code LimaHome.list()}), the caller working alongside them.
 */
package dev.lifecycle.core.internal.stop;
