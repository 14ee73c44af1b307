/**
 * Reading Lima's on-disk state: strict PID-file parsing, {@code lima.yaml}, instance
 * status. Internal: host apps use {@link dev.lifecycle.core.LimaHome}.
 */
package dev.lifecycle.core.internal.lima;
