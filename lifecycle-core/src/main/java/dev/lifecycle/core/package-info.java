/**
 * Entry points of the implementation: {@link dev.lifecycle.core.InstanceStoppers} creates
 * an {@link dev.lifecycle.api.InstanceStopper}; {@link dev.lifecycle.core.LimaHome} reads
 * instances from a Lima home; {@link dev.lifecycle.core.ProcessControls} shows which
 * provider was discovered and why others were not. Everything else in this module is
 * internal.
 */
package dev.lifecycle.core;
