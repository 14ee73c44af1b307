// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.tck.ProcessControlContract;
import org.junit.jupiter.api.condition.EnabledIf;

/** The Linux provider passes the SPI conformance kit, gated by its own availability probe. */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxProcessControlConformanceTest extends ProcessControlContract {
    @Override
    protected ProcessControl processControl() {
        return new LinuxProcessControl();
    }
}
