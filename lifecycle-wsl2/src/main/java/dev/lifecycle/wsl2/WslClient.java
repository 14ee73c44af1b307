// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.spi.CommandContext;
import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs {@code wsl.exe} through the stop's bounded {@link CommandRunner}: every call has the
 * command timeout, because any {@code wsl.exe} call can hang when the WSL service is wedged,
 * and asks for UTF-8 output with {@code WSL_UTF8=1}.
 */
final class WslClient {

    /** Asks wsl.exe for UTF-8 instead of UTF-16LE; the decoder accepts both anyway. */
    static final Map<String, String> ENVIRONMENT = Map.of("WSL_UTF8", "1");

    private final WslExecutable executable;
    private final CommandRunner runner;
    private final Duration timeout;

    /**
     * @param executable the {@code wsl.exe} to run
     * @param runner the stop's bounded runner
     * @param timeout the limit for each call
     */
    WslClient(WslExecutable executable, CommandRunner runner, Duration timeout) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The client for one call of the extension: the {@code wsl.exe} its settings name, the
     * core's bounded runner and the command time limit.
     *
     * @param context what the core handed the extension
     * @return the client
     */
    static WslClient of(CommandContext context) {
        return new WslClient(WslExecutable.resolve(context.settings()), context.commands(), context.commandTimeout());
    }

    /** @return the {@code wsl.exe} this client runs */
    WslExecutable executable() {
        return executable;
    }

    /** @return the limit for each call */
    Duration timeout() {
        return timeout;
    }

    /** @return the result of {@code wsl.exe --list --running --quiet} */
    Call listRunning() {
        return run("--list", "--running", "--quiet");
    }

    /** @return the result of {@code wsl.exe --list --verbose}: every distro with its state */
    Call listVerbose() {
        return run("--list", "--verbose");
    }

    /**
     * @param distro the distro to terminate
     * @return the result of {@code wsl.exe --terminate <distro>}
     */
    Call terminate(String distro) {
        return run("--terminate", distro);
    }

    /**
     * @param d a time limit
     * @return it in words: {@code 30 s}, {@code 500 ms}
     */
    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private Call run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.program());
        command.addAll(List.of(args));
        String display = "wsl.exe " + String.join(" ", args);
        return new Call(display, runner.run(command, ENVIRONMENT, timeout));
    }

    /**
     * One finished call.
     *
     * @param display the call as people read it, e.g. {@code wsl.exe --terminate lima-x}
     * @param result what the runner reported
     */
    record Call(String display, CommandResult result) {

        /** @return the non-blank lines of stdout */
        List<String> stdoutLines() {
            return WslOutputDecoder.lines(result.stdout());
        }

        /** @return stdout and stderr decoded, one line each, for messages */
        String output() {
            List<String> all = new ArrayList<>(stdoutLines());
            all.addAll(WslOutputDecoder.lines(result.stderr()));
            return String.join(" / ", all);
        }

        /**
         * @param phrase lower-case text
         * @return true if stdout or stderr contains it, ignoring case
         */
        boolean mentions(String phrase) {
            return output().toLowerCase(Locale.ROOT).contains(phrase);
        }
    }
}
