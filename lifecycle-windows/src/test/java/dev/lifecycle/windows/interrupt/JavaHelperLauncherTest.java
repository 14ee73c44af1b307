package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.windows.helper.BreakOutcome;
import dev.lifecycle.windows.helper.ConsoleBreakHelper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JavaHelperLauncherTest {

    private static final String JAVA_HOME = System.getProperty("java.home");

    private static JavaHelperLauncher launcher(Optional<String> command, String javaHome, Properties props) {
        return new JavaHelperLauncher(new BoundedProcessRunner(), command, javaHome, props);
    }

    @Test
    void theHelperRunsWithoutConsoleHandlersOnAClassPathOfThisModuleAndJna() {
        List<String> command = JavaHelperLauncher.forCurrentJvm().command(4321);
        assertTrue(command.contains("-Xrs"), command.toString());
        assertEquals(ConsoleBreakHelper.class.getName(), command.get(command.size() - 2));
        assertEquals("4321", command.get(command.size() - 1));
        String classPath = command.get(command.indexOf("-cp") + 1);
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        assertTrue(entries.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith("jna-5")),
                classPath);
        assertTrue(entries.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith("jna-platform-")),
                classPath);
        entries.forEach(e -> assertTrue(Files.exists(Path.of(e)), e + " does not exist"));
        assertEquals(entries.size(), entries.stream().distinct().count(), "repeated entries: " + classPath);
    }

    @Test
    void jnaSettingsOfThisJvmArePassedOnAndNothingElse() {
        Properties props = new Properties();
        props.setProperty("jna.tmpdir", "C:\\jna-tmp");
        props.setProperty("user.name", "someone");
        List<String> command = launcher(Optional.of(Path.of(JAVA_HOME, "bin", "java").toString()), JAVA_HOME, props)
                .command(99);
        assertTrue(command.contains("-Djna.tmpdir=C:\\jna-tmp"), command.toString());
        assertFalse(command.stream().anyMatch(a -> a.contains("user.name")), command.toString());
    }

    @Test
    void aJavaLauncherRunningThisJvmIsUsedAsItIs() {
        String java = Path.of("C:", "jdk", "bin", "java.exe").toString();
        assertEquals(Optional.of(java), launcher(Optional.of(java), "", new Properties()).javaExecutable());
    }

    @Test
    void anAppLauncherIsNotJavaSoJavaHomesLauncherIsUsed() {
        Optional<String> java = launcher(Optional.of("/opt/myapp/bin/MyApp"), JAVA_HOME, new Properties())
                .javaExecutable();
        assertTrue(java.isPresent());
        assertTrue(java.get().startsWith(JAVA_HOME), java.get());
    }

    @Test
    void withoutAnyJavaTheHelperFailsToStartAndSaysWhy(@TempDir Path emptyHome) {
        HelperOutcome outcome = launcher(Optional.of("/opt/myapp/bin/MyApp"), emptyHome.toString(), new Properties())
                .sendCtrlBreak(4321, Duration.ofSeconds(5));
        assertEquals(HelperOutcome.Ending.FAILED_TO_START, outcome.ending());
        assertTrue(outcome.failure().contains("PID 4321"), outcome.failure());
        assertTrue(outcome.failure().contains("java executable"), outcome.failure());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theHelperJvmReallyStartsFromThatClassPath() {
        // Off Windows the helper stops right after its OS check: proof that the JVM found its main class.
        HelperOutcome outcome = JavaHelperLauncher.forCurrentJvm().sendCtrlBreak(4321, Duration.ofSeconds(60));
        assertEquals(HelperOutcome.Ending.EXITED, outcome.ending(), outcome.toString());
        assertEquals(BreakOutcome.UNSUPPORTED.exitCode(), outcome.exitCode(), outcome.output());
        assertTrue(outcome.output().contains("Windows only"), outcome.output());
    }
}
