// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.spi.SignalResult;
import dev.lifecycle.spi.SignalResult.Status;
import java.time.Duration;

/**
 * Ctrl+Break through the helper process, sent only to the root of a console process group:
 * Windows addresses Ctrl+Break to a group id, and for any other PID the console host fails,
 * reaches nobody, or — older inbox consoles — reaches every process on the console. So the
 * target's group is read first, and a target that is not a root is never sent anything.
 * Ctrl+Break to a root reaches the whole group: the agent's driver servers and {@code
 * ssh.exe} too, as upstream Lima's own interrupt does.
 */
public final class ConsoleBreakChannel {

    private final ProcessGroups groups;
    private final CtrlBreakHelper helper;

    /**
     * @param groups reads a process's console process group
     * @param helper runs the Ctrl+Break helper
     */
    public ConsoleBreakChannel(ProcessGroups groups, CtrlBreakHelper helper) {
        this.groups = groups;
        this.helper = helper;
    }

    /**
     * @param pid the target, pinned by the caller
     * @param timeout the limit for the helper
     * @return DELIVERED only when the helper generated Ctrl+Break for the target's own group
     */
    public SignalResult send(long pid, Duration timeout) {
        ProcessGroups.Membership membership = groups.of(pid);
        if (membership instanceof ProcessGroups.Membership.Member member) {
            return new SignalResult(Status.NO_CHANNEL, "PID " + pid + " is not the root of a console process group"
                    + " (it belongs to the group of PID " + member.groupId() + "): Ctrl+Break addressed to it could"
                    + " reach other processes or none, so it is not sent; give the agent a named interrupt event,"
                    + " or start it with CREATE_NEW_PROCESS_GROUP");
        }
        if (membership instanceof ProcessGroups.Membership.Unknown unknown) {
            return new SignalResult(unknown.denied() ? Status.NOT_PERMITTED : Status.FAILED, "PID " + pid
                    + ": whether it is the root of a console process group cannot be told (" + unknown.why()
                    + "), and Ctrl+Break to anything else could reach other processes, so it is not sent");
        }
        return HelperResults.toSignalResult(pid, helper.sendCtrlBreak(pid, timeout), timeout);
    }
}
