// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import dev.lifecycle.windows.helper.ConsoleBreakHelper;
import dev.lifecycle.windows.helper.HelperProtocol;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line and environment of the Ctrl+Break helper JVM: which Java runs it, with
 * which code, and without the options a user set for their own JVMs.
 *
 * <p>The code: this module, lifecycle-api (for the one OS rule, {@code HostOs}) and JNA.
 *
 * <p>The Java, in this order: {@value #JAVA_PROPERTY} (or the provider's builder); the
 * launcher running this JVM, if it is {@code java}/{@code javaw}; {@code java.home}'s; the
 * {@code JAVA_HOME} environment variable's, if its {@code release} file says Java 17 or
 * later. An app packaged with {@code jpackage} runs from its own launcher on a runtime image
 * that jlink stripped of {@code java.exe} by default, so the first three may all be missing:
 * then the helper cannot start, and the failure says how to give it a Java.
 *
 * <p>{@code JAVA_TOOL_OPTIONS}, {@code _JAVA_OPTIONS} and {@code JDK_JAVA_OPTIONS} are
 * removed from the helper's environment: a debug agent with {@code suspend=y} in them would
 * hang the helper until its timeout, and anything else in them only slows it down.
 */
final class HelperCommand {

    /** System property naming the {@code java.exe} (Java 17 or later) to start the helper with. */
    static final String JAVA_PROPERTY = "lifecycle.windows.helperJava";
    /** Environment variables the helper must not inherit. */
    static final List<String> CLEARED_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final Set<String> JAVA_LAUNCHERS = Set.of("java", "java.exe", "javaw", "javaw.exe");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    private static final int MIN_JAVA = 17;

    private final Optional<Path> configuredJava;
    private final Optional<String> currentCommand;
    private final String javaHome;
    private final Optional<String> javaHomeVariable;
    private final Properties systemProperties;

    /**
     * @param configuredJava the Java the host app named, if any
     * @param currentCommand the executable of the running JVM, as {@link ProcessHandle.Info#command()} says
     * @param javaHome the running JVM's {@code java.home}
     * @param javaHomeVariable the {@code JAVA_HOME} environment variable, if set
     * @param systemProperties the running JVM's system properties, for the {@code jna.*} ones to pass on
     */
    HelperCommand(Optional<Path> configuredJava, Optional<String> currentCommand, String javaHome,
                  Optional<String> javaHomeVariable, Properties systemProperties) {
        this.configuredJava = configuredJava;
        this.currentCommand = currentCommand;
        this.javaHome = javaHome;
        this.javaHomeVariable = javaHomeVariable;
        this.systemProperties = systemProperties;
    }

    /**
     * @param configuredJava the Java the host app named through the builder, if any; else
     *     {@value #JAVA_PROPERTY} is read
     * @return the command for this JVM
     */
    static HelperCommand forCurrentJvm(Optional<Path> configuredJava) {
        Optional<Path> java = configuredJava.or(() -> Optional.ofNullable(System.getProperty(JAVA_PROPERTY))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of));
        return new HelperCommand(java, ProcessHandle.current().info().command(), System.getProperty("java.home", ""),
                Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()), System.getProperties());
    }

    /**
     * @param idle how long the helper may wait for a request before it exits
     * @return the helper's command line
     * @throws IllegalStateException if there is no Java to run it or its code cannot be located;
     *     the message says what to do
     */
    List<String> command(Duration idle) {
        Code code = code();
        List<String> command = new ArrayList<>();
        command.add(java(code).orElseThrow(() -> new IllegalStateException(noJava())));
        // Small and quick: its whole life is a few native calls. -Xrs: no console handler of its own.
        command.addAll(List.of("-Xrs", "-Xshare:auto", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m",
                "-Xss512k", "-XX:-UsePerfData"));
        for (Map.Entry<Object, Object> e : systemProperties.entrySet()) {
            // JNA may have been pointed at its native library or temp directory: the helper needs the same.
            if (e.getKey() instanceof String key && key.startsWith("jna.") && e.getValue() instanceof String value) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.addAll(code.arguments());
        command.add(HelperProtocol.SERVE);
        command.add(Long.toString(Math.max(1, idle.toSeconds())));
        return command;
    }

    /**
     * @param environment the environment the helper would inherit, changed in place
     */
    static void clean(Map<String, String> environment) {
        // Windows variable names are case-insensitive; the map a ProcessBuilder gives is not.
        environment.keySet().removeIf(name -> CLEARED_VARIABLES.stream().anyMatch(name::equalsIgnoreCase));
    }

    /** @return the Java to run the helper with, if one qualifies */
    Optional<String> java(Code code) {
        if (configuredJava.isPresent()) {
            return configuredJava.filter(Files::isRegularFile).map(Path::toString);
        }
        Optional<String> current = currentCommand.filter(c -> {
            Path name = Path.of(c).getFileName();
            return name != null && JAVA_LAUNCHERS.contains(name.toString().toLowerCase(Locale.ROOT));
        });
        if (current.isPresent()) {
            return current;
        }
        Optional<String> own = launcherIn(javaHome);
        if (own.isPresent() || code.inImage()) {
            // Code inside a runtime image runs only on that image's own Java.
            return own;
        }
        return javaHomeVariable.filter(HelperCommand::isJava17OrLater).flatMap(HelperCommand::launcherIn);
    }

    private String noJava() {
        if (configuredJava.isPresent()) {
            return JAVA_PROPERTY + " names " + configuredJava.get() + ", which is not a file; point it at the"
                    + " java.exe of a Java " + MIN_JAVA + " or later";
        }
        return "no Java to start the Ctrl+Break helper with: this JVM runs "
                + currentCommand.orElse("an unknown launcher") + " (an app launcher, such as jpackage makes), "
                + Path.of(javaHome, "bin") + " has no java.exe (jpackage's jlink step strips it with"
                + " --strip-native-commands), and JAVA_HOME " + javaHomeVariable.map(h -> "(" + h + ") is not a Java "
                + MIN_JAVA + " or later").orElse("is not set") + ". Keep java.exe in the app image (jpackage"
                + " --jlink-options without --strip-native-commands), or set -D" + JAVA_PROPERTY + "=<java.exe of Java "
                + MIN_JAVA + "+>, or let the agents listen on a named interrupt event"
                + " (WindowsProcessControl.builder().interruptChannels(...))";
    }

    private static Optional<String> launcherIn(String home) {
        if (home.isEmpty()) {
            return Optional.empty();
        }
        for (String name : List.of("java.exe", "javaw.exe", "java")) {
            Path candidate = Path.of(home, "bin", name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static boolean isJava17OrLater(String home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(Path.of(home, "release"), StandardCharsets.UTF_8));
            return m.find() && Integer.parseInt(m.group(1)) >= MIN_JAVA;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Where the helper's code is: files for a class path, or a runtime image (jlink, or
     * jpackage of a modular app), whose modules its own Java launches with {@code -m}.
     *
     * @param arguments the JVM arguments that select the main class
     * @param inImage true for a runtime image
     */
    record Code(List<String> arguments, boolean inImage) {
    }

    /** @return where the helper's code is, for the current class loading */
    static Code code() {
        CodeSource source = ConsoleBreakHelper.class.getProtectionDomain().getCodeSource();
        URI location = location(ConsoleBreakHelper.class, source);
        if ("jrt".equals(location.getScheme())) {
            Module module = ConsoleBreakHelper.class.getModule();
            return new Code(List.of("-m", module.getName() + "/" + ConsoleBreakHelper.class.getName()), true);
        }
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(ConsoleBreakHelper.class, dev.lifecycle.api.HostOs.class, com.sun.jna.Native.class,
                com.sun.jna.platform.win32.Kernel32.class)) {
            entries.add(file(c, location(c, c.getProtectionDomain().getCodeSource())).toString());
        }
        return new Code(List.of("-cp", String.join(File.pathSeparator, entries), ConsoleBreakHelper.class.getName()),
                false);
    }

    private static URI location(Class<?> c, CodeSource source) {
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot start the Ctrl+Break helper: the location of " + c.getName()
                    + " is unknown; the helper needs it on its class path");
        }
        try {
            return source.getLocation().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot start the Ctrl+Break helper: the location of " + c.getName()
                    + " (" + source.getLocation() + ") is not a valid URI: " + e.getMessage(), e);
        }
    }

    private static Path file(Class<?> c, URI location) {
        try {
            return Path.of(location);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the Ctrl+Break helper: the location of " + c.getName()
                    + " (" + location + ") is not a file: " + e.getMessage(), e);
        }
    }
}
