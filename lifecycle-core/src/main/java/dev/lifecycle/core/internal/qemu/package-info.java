// SPDX-License-Identifier: Apache-2.0
/**
 * Talking to QEMU the way Lima's host agent does: a minimal QMP client for
 * {@code system_powerdown} on the instance's {@code qmp.sock}, used when the host agent is
 * gone and QEMU still runs. Internal.
 */
package dev.lifecycle.core.internal.qemu;
