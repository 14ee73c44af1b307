// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.windows.win32.OtherProcessException;
import dev.lifecycle.windows.win32.Win32;
import dev.lifecycle.windows.win32.Win32CallException;
import dev.lifecycle.windows.win32.Win32Calls;

/**
 * Tells whether a process is the root of its console process group, from the group id it
 * carries in its process parameters ({@code RTL_USER_PROCESS_PARAMETERS.ProcessGroupId},
 * which {@code CreateProcess} sets to the new PID for {@code CREATE_NEW_PROCESS_GROUP} and
 * otherwise copies from the parent, and which the process hands to its console host when it
 * connects). Windows has no documented call for it; the layout is the one every Windows 7+
 * uses, and a parameter block too short to hold the field is "cannot tell", never a guess.
 * Reading it needs {@code PROCESS_VM_READ} on the process.
 */
public final class ProcessGroups {

    /** Offset of {@code PEB.ProcessParameters} with 8-byte pointers (4-byte: {@value #PARAMETERS_IN_PEB_32}). */
    static final int PARAMETERS_IN_PEB_64 = 0x20;
    /** Offset of {@code PEB.ProcessParameters} with 4-byte pointers. */
    static final int PARAMETERS_IN_PEB_32 = 0x10;
    /** Offset of {@code RTL_USER_PROCESS_PARAMETERS.Length}, the size of the block in this Windows. */
    static final int LENGTH_IN_PARAMETERS = 4;
    /** Offset of {@code RTL_USER_PROCESS_PARAMETERS.ProcessGroupId} with 8-byte pointers. */
    static final int GROUP_ID_IN_PARAMETERS_64 = 0x408;
    /** Offset of {@code RTL_USER_PROCESS_PARAMETERS.ProcessGroupId} with 4-byte pointers. */
    static final int GROUP_ID_IN_PARAMETERS_32 = 0x29C;

    /** Where a process stands in its console process group. */
    public sealed interface Membership {
        /** It is the root: Ctrl+Break to its PID reaches its group and nobody else. */
        record Root() implements Membership {
        }

        /**
         * It belongs to the group of another process.
         *
         * @param groupId the group's root PID
         */
        record Member(long groupId) implements Membership {
        }

        /**
         * It cannot be told.
         *
         * @param why what stood in the way
         * @param denied true if it was a missing access right
         */
        record Unknown(String why, boolean denied) implements Membership {
        }
    }

    private final Win32Calls calls;
    private final int pointerSize;

    /**
     * @param calls the native calls
     * @param pointerSize this JVM's pointer size (8 or 4); a 32-bit JVM reads 32-bit layouts
     */
    public ProcessGroups(Win32Calls calls, int pointerSize) {
        this.calls = calls;
        this.pointerSize = pointerSize;
    }

    /**
     * @param pid a process pinned by the caller (so that opening it by PID again reaches the same one)
     * @return where it stands
     */
    public Membership of(long pid) {
        long process;
        try {
            process = calls.openProcess(pid, Win32.PROCESS_VM_READ);
        } catch (Win32CallException e) {
            return new Membership.Unknown("cannot read its process parameters (" + e.getMessage() + ")",
                    e.error() == Win32.ERROR_ACCESS_DENIED);
        } catch (OtherProcessException e) {
            return new Membership.Unknown(e.getMessage(), false);
        }
        try {
            boolean wide = pointerSize == 8;
            long parameters = calls.readPointer(process,
                    calls.pebBaseAddress(process) + (wide ? PARAMETERS_IN_PEB_64 : PARAMETERS_IN_PEB_32), pointerSize);
            int offset = wide ? GROUP_ID_IN_PARAMETERS_64 : GROUP_ID_IN_PARAMETERS_32;
            long length = calls.readUnsignedInt(process, parameters + LENGTH_IN_PARAMETERS);
            if (length < offset + 4L) {
                return new Membership.Unknown("its process parameters (" + length + " bytes) end before the process"
                        + " group id, so this Windows keeps it elsewhere", false);
            }
            long group = calls.readUnsignedInt(process, parameters + offset);
            return group == pid ? new Membership.Root() : new Membership.Member(group);
        } catch (Win32CallException e) {
            return new Membership.Unknown("cannot read its process group id (" + e.getMessage() + ")",
                    e.error() == Win32.ERROR_ACCESS_DENIED);
        } finally {
            calls.close(process);
        }
    }
}
