// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class HostOsTest {

    @Test
    void tellsTheOsNamesJvmsReport() {
        assertEquals(HostOs.LINUX, HostOs.of("Linux"));
        assertEquals(HostOs.MACOS, HostOs.of("Mac OS X"));
        assertEquals(HostOs.MACOS, HostOs.of("Darwin"));
        assertEquals(HostOs.WINDOWS, HostOs.of("Windows 11"));
        assertEquals(HostOs.WINDOWS, HostOs.of(" windows server 2022 "));
        assertEquals(HostOs.OTHER, HostOs.of("FreeBSD"));
        assertEquals(HostOs.OTHER, HostOs.of(""));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void currentIsLinuxOnLinux() {
        assertEquals(HostOs.LINUX, HostOs.current());
    }

    @Test
    @EnabledOnOs(OS.MAC)
    void currentIsMacOsOnMacOs() {
        assertEquals(HostOs.MACOS, HostOs.current());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void currentIsWindowsOnWindows() {
        assertEquals(HostOs.WINDOWS, HostOs.current());
    }
}
