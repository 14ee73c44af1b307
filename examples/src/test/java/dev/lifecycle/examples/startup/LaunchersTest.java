// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX launcher, run for real: it finds the jar next to itself from any working
 * directory, passes every argument unchanged, takes {@code JAVA_HOME}'s Java, and a
 * class-data archive that cannot be used (here: none at all) costs no warning.
 */
class LaunchersTest {

    /** Stands in for the CLI: prints its arguments, one a line. */
    public static final class Echo {
        /** @param args printed */
        public static void main(String[] args) {
            for (String a : args) {
                System.out.println("[" + a + "]");
            }
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theShellLauncherStartsTheJarNextToItWithEveryArgumentUnchanged(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a dir with 'quotes' and spaces"));
        writeEchoJar(dir.resolve(Launchers.JAR));
        Launchers.main(new String[] {dir.toString()});
        Path launcher = dir.resolve("lifecycle");
        assertTrue(Files.isExecutable(launcher));
        assertTrue(Files.readString(dir.resolve("lifecycle.cmd")).contains(Launchers.ARCHIVE));

        Process p = new ProcessBuilder(launcher.toString(), "stop", "two words", "it's", "")
                .directory(tmp.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals(List.of("[stop]", "[two words]", "[it's]", "[]"), out.lines().toList());
        assertEquals("", err, "a missing or unusable archive is ignored without a word");
    }

    @Test
    void theBuildJavaIsQuotedForTheShell() {
        String script = Launchers.shell("/opt/j'dk/bin/java");
        assertTrue(script.contains("'/opt/j'\\''dk/bin/java'"), script);
        assertTrue(script.contains("-XX:SharedArchiveFile=\"$here/" + Launchers.ARCHIVE + "\""), script);
    }

    private static void writeEchoJar(Path jar) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Echo.class.getName());
        String entry = Echo.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m);
             InputStream in = Echo.class.getClassLoader().getResourceAsStream(entry)) {
            j.putNextEntry(new JarEntry(entry));
            in.transferTo(j);
            j.closeEntry();
        }
    }
}
