// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WslExecutableTest {

    private static final String CONFIGURED = "/opt/wsl/wsl.exe";
    private static final Map<String, String> NONE = Map.of();

    @Test
    void theExtensionSettingWinsOverTheSystemProperty() {
        WslExecutable exe = WslExecutable.resolve(Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, CONFIGURED),
                Optional.of("/from/property/wsl.exe"));

        assertEquals(CONFIGURED, exe.program());
        assertTrue(exe.source().contains("extension setting wsl2.executable"), exe.source());
    }

    @Test
    void theSystemPropertyWinsOverThePath() {
        WslExecutable exe = WslExecutable.resolve(NONE, Optional.of(" /from/property/wsl.exe "));

        assertEquals("/from/property/wsl.exe", exe.program());
        assertTrue(exe.source().contains(WslExecutable.PROPERTY), exe.source());
    }

    @Test
    void fallsBackToWslExeOnThePath() {
        WslExecutable exe = WslExecutable.resolve(NONE, Optional.empty());

        assertEquals("wsl.exe", exe.program());
        assertTrue(exe.source().contains("PATH"), exe.source());
    }

    @Test
    void ignoresABlankSettingAndABlankSystemProperty() {
        assertEquals("wsl.exe", WslExecutable.resolve(Map.of(Wsl2VmTypeExtension.EXECUTABLE_SETTING, " "),
                Optional.of("  ")).program());
    }

    @Test
    void ignoresSettingsOfOtherNames() {
        assertEquals("wsl.exe", WslExecutable.resolve(Map.of("wslExecutable", CONFIGURED), Optional.empty()).program());
    }

    @Test
    void readsTheRealSystemProperty() {
        String before = System.getProperty(WslExecutable.PROPERTY);
        System.setProperty(WslExecutable.PROPERTY, "/via/system/property/wsl.exe");
        try {
            assertEquals("/via/system/property/wsl.exe", WslExecutable.resolve(NONE).program());
        } finally {
            if (before == null) {
                System.clearProperty(WslExecutable.PROPERTY);
            } else {
                System.setProperty(WslExecutable.PROPERTY, before);
            }
        }
    }
}
