// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import dev.lifecycle.core.stop.StopLoggingTest;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The core's quiet-by-default check again, through the Linux provider: its discovery, its
 * identity check and its signals log nothing at INFO; the stop logs only its outcome.
 */
@EnabledIf("linuxAvailable")
class LinuxStopLoggingTest extends StopLoggingTest {

    static boolean linuxAvailable() {
        return new LinuxProcessControl().availability().available();
    }

    @Override
    protected String processControlId() {
        return "linux";
    }
}
