// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import dev.lifecycle.api.HostOs;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the world: its output streams, the environment (for
 * {@code LIMA_HOME}), the user's home, and what kind of terminal stdout is. Tests pass
 * their own; {@link #system()} is the real one.
 *
 * @param out standard output
 * @param err standard error
 * @param env environment variables
 * @param userHome the user's home directory (for {@code ~/.lima})
 * @param terminal what stdout is
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Path userHome, Terminal terminal) {

    /** Validates and copies. */
    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(terminal, "terminal");
    }

    /**
     * What stdout is.
     *
     * @param interactive whether a person watches it (a console, not a pipe or file)
     * @param ansi whether ANSI cursor moves work there
     * @param width the number of columns
     */
    public record Terminal(boolean interactive, boolean ansi, int width) {
        /** Not a terminal: a pipe, a file, or a test. */
        public static final Terminal NONE = new Terminal(false, false, 120);
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param env environment variables
     * @param userHome the user's home
     * @return a context whose stdout is not a terminal
     */
    public static CliContext of(PrintWriter out, PrintWriter err, Map<String, String> env, Path userHome) {
        return new CliContext(out, err, env, userHome, Terminal.NONE);
    }

    /**
     * @return the real streams, environment and terminal of this process
     */
    public static CliContext system() {
        Charset charset = Charset.defaultCharset();
        Map<String, String> env = System.getenv();
        // Standard output through its file descriptor, not System.out: System.out swallows
        // write errors, and a report lost to a full disk must not pass for success.
        return new CliContext(new CheckedWriter(new FileOutputStream(FileDescriptor.out), charset),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true),
                env, Path.of(System.getProperty("user.home")), detect(env));
    }

    private static Terminal detect(Map<String, String> env) {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return Terminal.NONE;
        }
        boolean windows = HostOs.current() == HostOs.WINDOWS;
        String term = env.getOrDefault("TERM", "");
        // The classic Windows console needs VT mode switched on natively; Windows Terminal has it.
        boolean ansi = !term.equals("dumb") && (!windows || env.containsKey("WT_SESSION") || !term.isEmpty());
        return new Terminal(true, ansi, TerminalWidth.detect(env));
    }

    /** Java 22+ returns a Console even for a pipe; its isTerminal() tells. Earlier, a Console is a terminal. */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
