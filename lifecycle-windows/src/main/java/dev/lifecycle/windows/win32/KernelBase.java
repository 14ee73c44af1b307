// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;

/**
 * The {@code kernelbase} function jna-platform does not map: {@code CompareObjectHandles}
 * (Windows 10 1607 and later; on older systems the call fails with an {@link UnsatisfiedLinkError}).
 */
public interface KernelBase extends StdCallLibrary {

    /**
     * @param firstObjectHandle a handle
     * @param secondObjectHandle another handle
     * @return true if both refer to the same kernel object
     */
    boolean CompareObjectHandles(Pointer firstObjectHandle, Pointer secondObjectHandle);
}
