// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.StopReportTruthTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/** The core's {@link StopReportTruthTest} again, through the Linux provider. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxStopReportTruthTest extends StopReportTruthTest {

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
