// SPDX-License-Identifier: Apache-2.0
/**
 * A small, strict JSON reader for the two line protocols the stopper reads from processes
 * it does not trust: QEMU's QMP and the host agent's event log. Internal.
 */
package dev.lifecycle.core.internal.json;
