// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.InstanceStopperTest;

import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The core stopper's whole end-to-end suite again, through the Linux provider: SIGINT
 * through a pidfd, identity from /proc, exits noticed by pidfd+epoll. Gated by the
 * provider's own availability probe.
 */
@EnabledIf("linuxAvailable")
class LinuxInstanceStopperTest extends InstanceStopperTest {

    static boolean linuxAvailable() {
        return new LinuxProcessControl().availability().available();
    }

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
