// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.windows.helper.ConsoleBreakHelper;
import dev.lifecycle.windows.helper.HelperProtocol;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Java runs the helper, with which code and environment. */
class HelperCommandTest {

    private static final String JAVA_HOME = System.getProperty("java.home");
    private static final Duration IDLE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private static HelperCommand command(Optional<Path> configured, String current, String javaHome,
                                         Optional<String> javaHomeVariable) {
        return new HelperCommand(configured, Optional.of(current), javaHome, javaHomeVariable, new Properties());
    }

    /** A runtime image as jpackage leaves it: no launcher in bin. */
    private Path strippedRuntime() throws IOException {
        Path runtime = temp.resolve("MyApp/runtime");
        Files.createDirectories(runtime.resolve("bin"));
        Files.writeString(runtime.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        return runtime;
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = temp.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java.exe"), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void theHelperRunsWithoutConsoleHandlersOnAClassPathOfThisModuleAndJnaAndServes() {
        List<String> command = HelperCommand.forCurrentJvm(Optional.empty()).command(IDLE);
        assertTrue(command.contains("-Xrs"), command.toString());
        assertEquals(List.of(ConsoleBreakHelper.class.getName(), HelperProtocol.SERVE, "60"),
                command.subList(command.size() - 3, command.size()));
        String classPath = command.get(command.indexOf("-cp") + 1);
        List<String> entries = Arrays.asList(classPath.split(File.pathSeparator));
        assertTrue(entries.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith("jna-5")), classPath);
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
        List<String> command = new HelperCommand(Optional.empty(), Optional.of(Path.of(JAVA_HOME, "bin", "java").toString()),
                JAVA_HOME, Optional.empty(), props).command(IDLE);
        assertTrue(command.contains("-Djna.tmpdir=C:\\jna-tmp"), command.toString());
        assertFalse(command.stream().anyMatch(a -> a.contains("user.name")), command.toString());
    }

    @Test
    void optionsMeantForTheUsersOwnJvmsAreRemovedFromTheHelpersEnvironmentWhateverTheirCase() {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,suspend=y",
                "_JAVA_OPTIONS", "-Xmx8g", "jdk_java_options", "--enable-preview", "PATH", "C:\\Windows", "JAVA_HOME", "C:\\jdk"));
        HelperCommand.clean(env);
        assertEquals(Map.of("PATH", "C:\\Windows", "JAVA_HOME", "C:\\jdk"), env);
    }

    @Test
    void aJavaLauncherRunningThisJvmIsUsedAsItIs() {
        String java = Path.of("C:", "jdk", "bin", "javaw.exe").toString();
        assertEquals(Optional.of(java), command(Optional.empty(), java, "", Optional.empty())
                .java(HelperCommand.code()));
    }

    @Test
    void anAppLauncherIsNotJavaSoJavaHomesLauncherIsUsed() {
        Optional<String> java = command(Optional.empty(), "/opt/myapp/bin/MyApp", JAVA_HOME, Optional.empty())
                .java(HelperCommand.code());
        assertTrue(java.isPresent());
        assertTrue(java.get().startsWith(JAVA_HOME), java.get());
    }

    @Test
    void aJpackageImageWithoutJavaFallsBackToAJava17OrLaterFromJavaHome() throws IOException {
        Path jdk = jdk("jdk-21", "21.0.2");
        Optional<String> java = command(Optional.empty(), "C:\\Program Files\\MyApp\\MyApp.exe",
                strippedRuntime().toString(), Optional.of(jdk.toString())).java(HelperCommand.code());
        assertEquals(Optional.of(jdk.resolve("bin/java.exe").toString()), java);
    }

    @Test
    void aJavaHomeOlderThan17IsNotUsedAndTheFailureSaysWhatToDo() throws IOException {
        Path old = jdk("jdk-11", "11.0.20");
        HelperCommand c = command(Optional.empty(), "C:\\Program Files\\MyApp\\MyApp.exe",
                strippedRuntime().toString(), Optional.of(old.toString()));
        assertEquals(Optional.empty(), c.java(HelperCommand.code()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.command(IDLE));
        assertTrue(e.getMessage().contains("MyApp.exe"), e.getMessage());
        assertTrue(e.getMessage().contains("--strip-native-commands"), e.getMessage());
        assertTrue(e.getMessage().contains(HelperCommand.JAVA_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("named interrupt event"), e.getMessage());
    }

    @Test
    void aConfiguredJavaWinsAndAMissingOneIsNamedInTheFailure() throws IOException {
        Path jdk = jdk("jdk-17", "17");
        Path configured = jdk.resolve("bin/java.exe");
        assertEquals(Optional.of(configured.toString()), command(Optional.of(configured),
                Path.of(JAVA_HOME, "bin", "java").toString(), JAVA_HOME, Optional.empty()).java(HelperCommand.code()));
        Path missing = temp.resolve("nowhere/java.exe");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> command(Optional.of(missing),
                Path.of(JAVA_HOME, "bin", "java").toString(), JAVA_HOME, Optional.empty()).command(IDLE));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void codeInARuntimeImageRunsOnlyOnThatImagesJava() throws IOException {
        Path jdk = jdk("jdk-21", "21");
        HelperCommand.Code image = new HelperCommand.Code(List.of("-m", "dev.lifecycle.windows/x.Main"), true);
        HelperCommand c = command(Optional.empty(), "C:\\MyApp\\MyApp.exe", strippedRuntime().toString(),
                Optional.of(jdk.toString()));
        assertEquals(Optional.empty(), c.java(image), "another JDK has not got the image's modules");
    }
}
