// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.CancellationTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The core stopper's cancellation tests again, through the Linux provider: the wait that a
 * cancel ends is a pidfd+epoll exit watch here, not the JDK's polling.
 */
@EnabledIf("dev.lifecycle.unix.LinuxInstanceStopperTest#linuxAvailable")
class LinuxCancellationTest extends CancellationTest {

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
