// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.win32;

/**
 * One entry of a process's handle table, as {@code NtQueryInformationProcess(...,
 * ProcessHandleInformation, ...)} lists it ({@code PROCESS_HANDLE_TABLE_ENTRY_INFO}).
 *
 * @param handle the handle value in the holder's table
 * @param objectTypeIndex the kernel object type (the same index for every event, for example)
 */
public record HandleEntry(long handle, int objectTypeIndex) {
}
