// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the launchers next to {@code lifecycle-cli.jar}: {@code lifecycle} (POSIX shell)
 * and {@code lifecycle.cmd} (Windows). A jar's manifest cannot carry JVM options, so they
 * start the jar with the options that make it start fast:
 * <ul>
 *   <li>{@code -XX:SharedArchiveFile=lifecycle-cli.jsa}: the class-data archive built with
 *       the jar. A JVM that cannot use it — another Java than the one that built it, or a
 *       jar moved away from it — ignores it silently and starts as without it;</li>
 *   <li>{@code -XX:TieredStopAtLevel=1}: a command runs for a fraction of a second, too short
 *       for the optimising compiler to pay off.</li>
 * </ul>
 * Java is {@code $JAVA_HOME/bin/java} if set, else the Java that built the archive if it is
 * still there, else {@code java} from the {@code PATH}.
 *
 * <p>Usage: {@code java -cp lifecycle-cli.jar dev.lifecycle.examples.startup.Launchers
 * <directory of the jar>}
 */
public final class Launchers {

    /** The archive's file name, next to the jar. */
    public static final String ARCHIVE = "lifecycle-cli.jsa";
    /** The jar's file name. */
    public static final String JAR = "lifecycle-cli.jar";

    private Launchers() {
    }

    /**
     * @param args the directory that holds the jar and the archive
     * @throws IOException if a launcher cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String buildJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path sh = dir.resolve("lifecycle");
        Files.writeString(sh, shell(buildJava), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Windows: lifecycle.cmd is the launcher there
        }
        Files.writeString(dir.resolve("lifecycle.cmd"), cmd(buildJava + ".exe"), StandardCharsets.UTF_8);
    }

    /** The POSIX launcher; {@code buildJava} is quoted for the shell. */
    static String shell(String buildJava) {
        String quoted = "'" + buildJava.replace("'", "'\\''") + "'";
        return "#!/bin/sh\n"
                + "# Starts " + JAR + " with the class-data archive built with it (written by the build;\n"
                + "# see dev.lifecycle.examples.startup.Launchers). Any Java 17+ runs it; only the one that\n"
                + "# built the archive uses the archive, any other ignores it (-Xlog:cds=off: silently).\n"
                + "here=$(CDPATH= cd -- \"$(dirname -- \"$0\")\" && pwd) || exit 2\n"
                + "if [ -n \"$JAVA_HOME\" ]; then java=\"$JAVA_HOME/bin/java\"\n"
                + "elif [ -x " + quoted + " ]; then java=" + quoted + "\n"
                + "else java=java; fi\n"
                + "exec \"$java\" -XX:SharedArchiveFile=\"$here/" + ARCHIVE + "\" -Xshare:auto -Xlog:cds=off -XX:TieredStopAtLevel=1"
                + " -jar \"$here/" + JAR + "\" \"$@\"\n";
    }

    /** The Windows launcher. */
    static String cmd(String buildJava) {
        return "@echo off\r\n"
                + "rem Starts " + JAR + " with the class-data archive built with it (see lifecycle, the POSIX launcher).\r\n"
                + "setlocal\r\n"
                + "if defined JAVA_HOME (set \"JAVA=%JAVA_HOME%\\bin\\java.exe\") else if exist \"" + buildJava
                + "\" (set \"JAVA=" + buildJava + "\") else (set JAVA=java)\r\n"
                + "\"%JAVA%\" -XX:SharedArchiveFile=\"%~dp0" + ARCHIVE + "\" -Xshare:auto -Xlog:cds=off -XX:TieredStopAtLevel=1 -jar \"%~dp0"
                + JAR + "\" %*\r\n";
    }
}
