// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.ProcessControl;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider in the deployments surefire does not cover: a JPMS application on the module
 * path (the provider found by {@code uses}/{@code provides}, JNA as automatic modules), and
 * a class path without JNA (unavailable, with a cause, no error). Each runs in its own JVM
 * with a small probe program compiled here.
 */
@EnabledIf("dev.lifecycle.unix.LinuxGate#linuxAvailable")
class ModulePathTest {

    private static final String PROBE = String.join("\n",
            "package probe;",
            "import dev.lifecycle.api.ProcessRef;",
            "import dev.lifecycle.spi.*;",
            "import java.util.ServiceLoader;",
            "import java.util.concurrent.TimeUnit;",
            "public class Main {",
            "  public static void main(String[] args) throws Exception {",
            "    ProcessControl linux = ServiceLoader.load(ProcessControl.class).stream()",
            "        .map(ServiceLoader.Provider::get).filter(p -> p.id().equals(\"linux\")).findFirst().orElseThrow();",
            "    Availability availability = linux.availability();",
            "    if (!availability.available()) {",
            "      System.out.println(\"UNAVAILABLE \" + availability.cause().orElseThrow());",
            "      return;",
            "    }",
            "    Process p = new ProcessBuilder(\"sleep\", \"30\").start();",
            "    ProcessLookup lookup = linux.find(ProcessRef.started(p.pid(), p.info().startInstant().orElseThrow()));",
            "    if (!(lookup instanceof ProcessLookup.Found)) {",
            "      p.destroyForcibly();",
            "      System.out.println(\"LOOKUP \" + lookup);",
            "      return;",
            "    }",
            "    try (ProcessTarget target = ((ProcessLookup.Found) lookup).target()) {",
            "      var exit = target.onExit();",
            "      SignalResult kill = target.kill();",
            "      exit.get(10, TimeUnit.SECONDS);",
            "      System.out.println(\"OK \" + linux.exitWatchMechanism() + \" \" + kill.status());",
            "    }",
            "  }",
            "}",
            "");

    @TempDir
    Path dir;

    @Test
    void worksOnTheModulePath() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("module-info.java"),
                "module probe { requires dev.lifecycle.api; uses dev.lifecycle.spi.ProcessControl; }");
        Files.writeString(src.resolve("probe/Main.java"), PROBE);
        Path out = dir.resolve("probe-module");
        compile(List.of("--module-path", location(ProcessControl.class)), out, src);

        String modulePath = Stream.of(out.toString(), location(LinuxProcessControl.class),
                        location(ProcessControl.class), location(com.sun.jna.Native.class),
                        location(com.sun.jna.platform.linux.LibC.class), location(org.slf4j.Logger.class),
                        location(org.slf4j.simple.SimpleLogger.class))
                .collect(Collectors.joining(File.pathSeparator));
        String output = run(List.of("--module-path", modulePath, "-m", "probe/probe.Main"));

        assertTrue(output.contains("OK pidfd+epoll DELIVERED") || output.contains("OK polling"), output);
    }

    @Test
    void isUnavailableWithACauseWhenJnaIsMissing() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("probe/Main.java"), PROBE);
        Path out = dir.resolve("probe-classes");
        compile(List.of("--class-path", location(ProcessControl.class)), out, src);

        String classPath = Stream.of(out.toString(), location(LinuxProcessControl.class),
                        location(ProcessControl.class), location(org.slf4j.Logger.class))
                .collect(Collectors.joining(File.pathSeparator));
        String output = run(List.of("--class-path", classPath, "probe.Main"));

        assertTrue(output.contains("UNAVAILABLE JNA is not on the class path")
                && output.contains("net.java.dev.jna:jna"), output);
    }

    private static void compile(List<String> options, Path out, Path src) throws IOException {
        // java.util.spi.ToolProvider is in java.base: the test module need not read java.compiler.
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-d", out.toString()));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, javac.run(System.out, System.err, args.toArray(String[]::new)), "probe compiles");
    }

    private static String run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(args);
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = java.getInputStream().readAllBytes();
        assertTrue(java.waitFor(30, TimeUnit.SECONDS), "probe JVM finished");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), text);
        return text;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
