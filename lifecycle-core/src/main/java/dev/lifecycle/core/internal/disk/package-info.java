// SPDX-License-Identifier: Apache-2.0
/**
 * Additional-disk locks ({@code $LIMA_HOME/_disks/<disk>/in_use_by}). Unlike upstream
 * Lima, a lock is released only when it points at the instance being stopped.
 */
package dev.lifecycle.core.internal.disk;
