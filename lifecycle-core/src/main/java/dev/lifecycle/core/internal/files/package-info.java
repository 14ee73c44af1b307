// SPDX-License-Identifier: Apache-2.0
/**
 * Stale-file cleanup, the last step of the forced stop, and the PID-file guard that decides
 * whether it (and the disk unlock) may run. Only top-level {@code *.pid},
 * {@code *.sock} and {@code *.tmp} entries of the instance directory are ever removed,
 * found by listing (never a glob), symlinks removed as links.
 */
package dev.lifecycle.core.internal.files;
