// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code lifecycle-cli.jar} on a JDK that restricts native access (22+, JEP
 * 472): {@code --version} loads JNA (it names the process control in use), and without
 * {@code Enable-Native-Access: ALL-UNNAMED} in the manifest the JDK prints four
 * {@code WARNING:} lines on stderr before the CLI's own output.
 */
class CliJarNativeAccessIT {

    private static final int FIRST_RESTRICTING_FEATURE = 22;

    private static Path cliJar() {
        Path jar = Path.of(System.getProperty("lifecycle.cli.jar", "target/lifecycle-cli.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " should have been built by the package phase");
        return jar;
    }

    @Test
    void manifestGrantsNativeAccessToTheClassPath() throws IOException {
        try (JarFile jar = new JarFile(cliJar().toFile())) {
            assertEquals("ALL-UNNAMED", jar.getManifest().getMainAttributes().getValue("Enable-Native-Access"));
        }
    }

    @Test
    void versionOnAJdkThatRestrictsNativeAccessPrintsNoWarning() throws Exception {
        Optional<Path> java = restrictingJava();
        Assumptions.assumeTrue(java.isPresent(), "no JDK " + FIRST_RESTRICTING_FEATURE + "+ found here"
                + " (running on " + Runtime.version() + "; looked in /usr/lib/jvm and"
                + " /Library/Java/JavaVirtualMachines)");

        Process p = new ProcessBuilder(java.get().toString(), "-jar", cliJar().toString(), "--version").start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI should answer --version");

        assertEquals(0, p.exitValue(), err.get());
        assertTrue(out.get().contains("process control: "), "--version loads the native provider: " + out.get());
        List<String> warnings = err.get().lines().filter(l -> l.startsWith("WARNING")).toList();
        assertEquals(List.of(), warnings, "stderr of " + java.get() + " -jar lifecycle-cli.jar --version");
    }

    /** The running JDK if it restricts native access, else the newest installed one that does. */
    private static Optional<Path> restrictingJava() throws IOException {
        if (Runtime.version().feature() >= FIRST_RESTRICTING_FEATURE) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        List<Path> homes = new ArrayList<>();
        for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> dirs = Files.list(root)) {
                    dirs.map(d -> Files.isDirectory(d.resolve("Contents/Home")) ? d.resolve("Contents/Home") : d)
                            .filter(h -> feature(h) >= FIRST_RESTRICTING_FEATURE)
                            .filter(h -> Files.isExecutable(h.resolve("bin/java")))
                            .forEach(homes::add);
                }
            }
        }
        return homes.stream().max(Comparator.comparingInt(CliJarNativeAccessIT::feature))
                .map(h -> h.resolve("bin/java"));
    }

    /** The feature release named by a JDK's {@code release} file, or 0. */
    private static int feature(Path home) {
        try {
            Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                    .matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
