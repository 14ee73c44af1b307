// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.tck.ProcessControlContract;
import org.junit.jupiter.api.condition.EnabledIf;

/** The macOS provider runs the SPI conformance kit on macOS runners, gated by its own probe. */
@EnabledIf("macAvailable")
class MacProcessControlConformanceTest extends ProcessControlContract {

    static boolean macAvailable() {
        return !LinuxGate.macUnavailable();
    }

    @Override
    protected ProcessControl processControl() {
        return new MacProcessControl();
    }
}
