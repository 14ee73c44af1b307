// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.HostOs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class StartAtLoginTest {

    @TempDir
    Path userHome;

    @Test
    void linuxWithSystemdUsesTheUserUnitDirectoryAsLimaWritesIt() throws IOException {
        Path running = Files.createDirectories(userHome.resolve("run-systemd"));

        StartAtLogin s = StartAtLogin.forUser(Map.of(), userHome, HostOs.LINUX, running).orElseThrow();

        assertEquals(StartAtLogin.Manager.SYSTEMD, s.manager());
        assertEquals(userHome.resolve(".config/systemd/user/lima-vm@default.service"), s.entryFile("default"));
        assertEquals(List.of("systemctl", "--user", "show", "--property=ActiveState,MainPID", "lima-vm@default.service"),
                s.activeQuery("default"));
        assertEquals(List.of("systemctl", "--user", "stop", "lima-vm@default.service"), s.stopCommand("default"));
    }

    @Test
    void xdgConfigHomeMovesTheUnitDirectory() throws IOException {
        Path running = Files.createDirectories(userHome.resolve("run-systemd"));

        StartAtLogin s = StartAtLogin.forUser(Map.of("XDG_CONFIG_HOME", "/etc/xdg-test"), userHome, HostOs.LINUX, running)
                .orElseThrow();

        assertEquals(Path.of("/etc/xdg-test/systemd/user/lima-vm@a.service"), s.entryFile("a"));
    }

    @Test
    void linuxWithoutSystemdAndWindowsHaveNoServiceManager() {
        assertEquals(Optional.empty(), StartAtLogin.forUser(Map.of(), userHome, HostOs.LINUX, userHome.resolve("absent")));
        assertEquals(Optional.empty(), StartAtLogin.forUser(Map.of(), userHome, HostOs.WINDOWS, userHome));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the home's owner is read as unix:uid")
    void macOsUsesTheLaunchAgentAndTheGuiDomainOfTheHomesOwner() throws IOException {
        long uid = ((Number) Files.getAttribute(userHome, "unix:uid")).longValue();

        StartAtLogin s = StartAtLogin.forUser(Map.of(), userHome, HostOs.MACOS, userHome).orElseThrow();

        assertEquals(StartAtLogin.Manager.LAUNCHD, s.manager());
        assertEquals(userHome.resolve("Library/LaunchAgents/io.lima-vm.autostart.default.plist"),
                s.entryFile("default"));
        assertEquals(List.of("launchctl", "print", "gui/" + uid + "/io.lima-vm.autostart.default"),
                s.activeQuery("default"));
        assertEquals(List.of("launchctl", "bootout", "gui/" + uid + "/io.lima-vm.autostart.default"),
                s.stopCommand("default"));
    }

    @Test
    void theExecutablesCanBeReplacedBySystemProperty() throws IOException {
        Path running = Files.createDirectories(userHome.resolve("run-systemd"));
        System.setProperty(StartAtLogin.SYSTEMCTL_PROPERTY, "/opt/stand-in/systemctl");
        try {
            StartAtLogin s = StartAtLogin.forUser(Map.of(), userHome, HostOs.LINUX, running).orElseThrow();
            assertEquals(Path.of("/opt/stand-in/systemctl"), s.executable());
        } finally {
            System.clearProperty(StartAtLogin.SYSTEMCTL_PROPERTY);
        }
    }

    @Test
    void aBlankDomainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StartAtLogin(StartAtLogin.Manager.LAUNCHD, Path.of("launchctl"), userHome, " "));
        assertTrue(e.getMessage().contains("gui/<uid>"), e.getMessage());
    }
}
