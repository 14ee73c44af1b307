// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.StopSafetyTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The core's safety suite again, through the Linux provider: identity evidence from
 * {@code /proc/<pid>/cmdline} and {@code /proc/<pid>/fd} under a pidfd, and the reference
 * scan over {@code /proc}.
 */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class LinuxStopSafetyTest extends StopSafetyTest {

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
