// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import static org.mockito.Mockito.mock;

import dev.lifecycle.windows.interrupt.ConsoleBreakChannel;
import dev.lifecycle.windows.interrupt.CtrlBreakHelper;
import dev.lifecycle.windows.interrupt.EventNaming;
import dev.lifecycle.windows.interrupt.GracefulInterrupt;
import dev.lifecycle.windows.interrupt.NamedEventChannel;
import dev.lifecycle.windows.interrupt.ProcessGroups;
import dev.lifecycle.windows.win32.Win32Calls;
import dev.lifecycle.windows.win32.WindowsNative;

/** The interrupt machinery over a mocked native layer, for the finder and target tests. */
final class TargetFixtures {

    /** The current process's PID as the tests' {@link Win32Calls} see it. */
    static final long SELF = 9999;

    private TargetFixtures() {
    }

    static GracefulInterrupt interrupt(WindowsNative win) {
        return interrupt(win, mock(CtrlBreakHelper.class));
    }

    static GracefulInterrupt interrupt(WindowsNative win, CtrlBreakHelper helper) {
        Win32Calls calls = new Win32Calls(win, SELF);
        return new GracefulInterrupt(win, EventNaming.NONE, new NamedEventChannel(calls),
                new ConsoleBreakChannel(new ProcessGroups(calls, 8), helper));
    }
}
