package dev.lifecycle.wsl2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.StopOptions;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WslExecutableTest {

    private static final Path CONFIGURED = Path.of("/opt/wsl/wsl.exe");

    @Test
    void stopOptionsWinOverTheSystemProperty() {
        WslExecutable exe = WslExecutable.resolve(StopOptions.builder().wslExecutable(CONFIGURED).build(),
                Optional.of("/from/property/wsl.exe"));

        assertEquals(CONFIGURED.toString(), exe.program());
        assertTrue(exe.source().contains("StopOptions.wslExecutable"), exe.source());
    }

    @Test
    void theSystemPropertyWinsOverThePath() {
        WslExecutable exe = WslExecutable.resolve(StopOptions.defaults(), Optional.of(" /from/property/wsl.exe "));

        assertEquals("/from/property/wsl.exe", exe.program());
        assertTrue(exe.source().contains(WslExecutable.PROPERTY), exe.source());
    }

    @Test
    void fallsBackToWslExeOnThePath() {
        WslExecutable exe = WslExecutable.resolve(StopOptions.defaults(), Optional.empty());

        assertEquals("wsl.exe", exe.program());
        assertTrue(exe.source().contains("PATH"), exe.source());
    }

    @Test
    void ignoresABlankSystemProperty() {
        assertEquals("wsl.exe", WslExecutable.resolve(StopOptions.defaults(), Optional.of("  ")).program());
    }

    @Test
    void readsTheRealSystemProperty() {
        String before = System.getProperty(WslExecutable.PROPERTY);
        System.setProperty(WslExecutable.PROPERTY, "/via/system/property/wsl.exe");
        try {
            assertEquals("/via/system/property/wsl.exe", WslExecutable.resolve(StopOptions.defaults()).program());
        } finally {
            if (before == null) {
                System.clearProperty(WslExecutable.PROPERTY);
            } else {
                System.setProperty(WslExecutable.PROPERTY, before);
            }
        }
    }
}
