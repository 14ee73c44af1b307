package dev.lifecycle.windows.interrupt;

import dev.lifecycle.windows.helper.ConsoleBreakHelper;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Runs {@link ConsoleBreakHelper} as a short-lived JVM of the same Java that runs the host
 * app, with a class path made of the code sources of this module, lifecycle-api (for the
 * one OS rule, {@code HostOs}) and JNA. The helper JVM
 * is started with {@code -Xrs} so that it installs no console handler of its own, and small
 * and quick settings, since its whole life is a few native calls.
 */
public final class JavaHelperLauncher implements HelperLauncher {

    private static final Set<String> JAVA_LAUNCHERS = Set.of("java", "java.exe", "javaw.exe");

    private final BoundedProcessRunner runner;
    private final Optional<String> currentCommand;
    private final String javaHome;
    private final Properties systemProperties;

    /**
     * @param runner runs the helper with its time limit
     * @param currentCommand the executable of the running JVM, as {@link ProcessHandle.Info#command()} says
     * @param javaHome the running JVM's {@code java.home}
     * @param systemProperties the running JVM's system properties, for the {@code jna.*} ones to pass on
     */
    JavaHelperLauncher(BoundedProcessRunner runner, Optional<String> currentCommand, String javaHome,
                       Properties systemProperties) {
        this.runner = runner;
        this.currentCommand = currentCommand;
        this.javaHome = javaHome;
        this.systemProperties = systemProperties;
    }

    /** @return a launcher that starts the helper with the Java running this code */
    public static JavaHelperLauncher forCurrentJvm() {
        return new JavaHelperLauncher(new BoundedProcessRunner(), ProcessHandle.current().info().command(),
                System.getProperty("java.home", ""), System.getProperties());
    }

    @Override
    public HelperOutcome sendCtrlBreak(long pid, Duration timeout) {
        List<String> command;
        try {
            command = command(pid);
        } catch (IllegalStateException e) {
            return HelperOutcome.failedToStart(e.getMessage());
        }
        return runner.run(command, timeout);
    }

    /**
     * @param pid the target
     * @return the helper's command line
     * @throws IllegalStateException if no Java executable or class path can be found
     */
    List<String> command(long pid) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().orElseThrow(() -> new IllegalStateException(
                "cannot find a java executable to start the Ctrl+Break helper for PID " + pid
                        + " (this JVM runs " + currentCommand.orElse("an unknown command")
                        + ", java.home=" + javaHome + ")")));
        command.add("-Xrs");
        command.add("-Xshare:auto");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx32m");
        for (Map.Entry<Object, Object> e : systemProperties.entrySet()) {
            // JNA may have been pointed at its native library or temp directory: the helper needs the same.
            if (e.getKey() instanceof String key && key.startsWith("jna.") && e.getValue() instanceof String value) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.add("-cp");
        command.add(classPath());
        command.add(ConsoleBreakHelper.class.getName());
        command.add(Long.toString(pid));
        return command;
    }

    /** @return the running JVM's launcher, else {@code java.home}'s, if either exists */
    Optional<String> javaExecutable() {
        Optional<String> current = currentCommand.filter(c -> {
            Path name = Path.of(c).getFileName();
            return name != null && JAVA_LAUNCHERS.contains(name.toString().toLowerCase(Locale.ROOT));
        });
        if (current.isPresent()) {
            return current;
        }
        // An app launcher (jpackage) is not a java launcher; java.home still has one unless jlinked away.
        for (String name : List.of("java.exe", "java")) {
            Path candidate = Path.of(javaHome, "bin", name);
            if (!javaHome.isEmpty() && Files.isRegularFile(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** @return the code sources of the helper, lifecycle-api, JNA and jna-platform, without repeats */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(ConsoleBreakHelper.class, dev.lifecycle.api.HostOs.class, com.sun.jna.Native.class,
                com.sun.jna.platform.win32.Kernel32.class)) {
            entries.add(codeSource(c).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path codeSource(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot start the Ctrl+Break helper: the location of " + c.getName()
                    + " is unknown (a custom runtime image?); the helper needs it on its class path");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot start the Ctrl+Break helper: the location of " + c.getName()
                    + " (" + source.getLocation() + ") is not a file: " + e.getMessage(), e);
        }
    }
}
