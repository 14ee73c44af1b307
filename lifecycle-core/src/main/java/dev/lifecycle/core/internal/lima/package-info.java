// SPDX-License-Identifier: Apache-2.0
/**
 * Reading Lima's on-disk state: strict PID-file parsing, {@code lima.yaml} (with its
 * {@code networks:}), instance status, and the shared networks of
 * {@code _config/networks.yaml} with where their daemons keep their PID files. Internal:
 * host apps use {@link dev.lifecycle.core.LimaHome}.
 */
package dev.lifecycle.core.internal.lima;
