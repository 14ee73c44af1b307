// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.AutostartStopTest;
import dev.lifecycle.spi.ProcessControl;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The core suite for instances started at login, stopped through a stand-in systemctl/launchctl, again through the Linux provider (SIGINT
 * through a pidfd, identity from /proc, exits by pidfd+epoll). Gated by the provider's own
 * availability probe.
 */
@EnabledIf("linuxAvailable")
class LinuxAutostartStopTest extends AutostartStopTest {

    static boolean linuxAvailable() {
        return new LinuxProcessControl().availability().available();
    }

    @Override
    protected ProcessControl control() {
        return new LinuxProcessControl();
    }
}
