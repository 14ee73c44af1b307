// SPDX-License-Identifier: Apache-2.0
/**
 * Entry points of the implementation: {@link dev.lifecycle.core.InstanceStoppers} creates
 * an {@link dev.lifecycle.api.InstanceStopper}; {@link dev.lifecycle.core.LimaHome} reads
 * instances from a Lima home (errors are {@link dev.lifecycle.core.LimaHomeException});
 * {@link dev.lifecycle.core.ProcessControls} shows which provider was discovered and why
 * others were not; {@link dev.lifecycle.core.BoundedCommandRunner} runs external commands
 * under a hard timeout. Everything else in this module is internal.
 */
package dev.lifecycle.core;
