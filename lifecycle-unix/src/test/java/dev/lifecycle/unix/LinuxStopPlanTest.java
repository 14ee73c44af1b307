// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.StopPlanTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The dry run again, through the Linux provider: its identity check pins each process with
 * a pidfd and must release it without a signal.
 */
@EnabledIf("dev.lifecycle.unix.LinuxInstanceStopperTest#linuxAvailable")
class LinuxStopPlanTest extends StopPlanTest {

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
