// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.ForcedChainTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The forced chain through the Linux provider with a budget of three pidfds for twenty
 * processes: most are signalled by the re-checked {@code kill(2)} and watched by polling,
 * the pinned ones by their pidfd and epoll, and every kill is still confirmed before the
 * next step of its instance.
 */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxForcedChainTest extends ForcedChainTest {

    @Override
    protected ProcessControl control() {
        PidfdBudget threePins = new PidfdBudget(3);
        return new LinuxProcessControl(WatchMode.EVENT, true, LinuxPlatform::get, () -> threePins);
    }
}
