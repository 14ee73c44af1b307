// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VmTypeTest {

    @Test
    void limaDefaultsToVzOnMacosAndToQemuEverywhereElseWindowsIncluded() {
        assertEquals(VmType.VZ, VmType.platformDefault(HostOs.MACOS));
        assertEquals(VmType.QEMU, VmType.platformDefault(HostOs.WINDOWS));
        assertEquals(VmType.QEMU, VmType.platformDefault(HostOs.LINUX));
        assertEquals(VmType.QEMU, VmType.platformDefault(HostOs.OTHER));
    }

    @Test
    void eachDriverNamesItsPidFile() {
        assertEquals("qemu.pid", VmType.QEMU.pidFileName());
        assertEquals("krunkit.pid", VmType.of(" KRUNKIT ").pidFileName());
    }
}
