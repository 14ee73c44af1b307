// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.lima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.core.InstanceStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusRuleTest {

    @Test
    void agentAndDriverRunningIsRunning() {
        assertEquals(new StatusRule.Decision(InstanceStatus.RUNNING, Optional.empty()),
                StatusRule.decide(VmType.QEMU, true, Optional.of(true)));
    }

    @Test
    void neitherRunningIsStopped() {
        assertEquals(new StatusRule.Decision(InstanceStatus.STOPPED, Optional.empty()),
                StatusRule.decide(VmType.QEMU, false, Optional.of(false)));
    }

    @Test
    void agentWithoutDriverIsBrokenInLimasWords() {
        assertEquals(new StatusRule.Decision(InstanceStatus.BROKEN,
                        Optional.of("host agent is running but driver is not")),
                StatusRule.decide(VmType.QEMU, true, Optional.of(false)));
    }

    @Test
    void driverWithoutAgentIsBrokenNamingTheVmType() {
        assertEquals(new StatusRule.Decision(InstanceStatus.BROKEN,
                        Optional.of("krunkit driver is running but host agent is not")),
                StatusRule.decide(VmType.KRUNKIT, false, Optional.of(true)));
    }

    @Test
    void withoutDriverPidFileTheAgentDecides() {
        assertEquals(InstanceStatus.RUNNING, StatusRule.decide(VmType.WSL2, true, Optional.empty()).status());
        assertEquals(InstanceStatus.STOPPED, StatusRule.decide(VmType.WSL2, false, Optional.empty()).status());
    }

    @Test
    void onlyWsl2HasNoDriverPidFile() {
        assertFalse(StatusRule.hasDriverPidFile(VmType.WSL2));
        assertTrue(StatusRule.hasDriverPidFile(VmType.QEMU));
        assertTrue(StatusRule.hasDriverPidFile(VmType.VZ));
        assertTrue(StatusRule.hasDriverPidFile(VmType.KRUNKIT));
    }
}
