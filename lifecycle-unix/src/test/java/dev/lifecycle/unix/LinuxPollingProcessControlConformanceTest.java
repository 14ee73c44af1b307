// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.tck.ProcessControlContract;
import org.junit.jupiter.api.condition.EnabledIf;

/** The Linux provider with its fallback (kill(2) after re-check, polling /proc) passes the kit too. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxPollingProcessControlConformanceTest extends ProcessControlContract {
    @Override
    protected ProcessControl processControl() {
        return new LinuxProcessControl(WatchMode.POLL, false);
    }
}
