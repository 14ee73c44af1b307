// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.OrphanedQemuStopTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/** The core's {@link OrphanedQemuStopTest} again, through the Linux provider. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxOrphanedQemuStopTest extends OrphanedQemuStopTest {

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
