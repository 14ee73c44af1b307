// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Prints a usage error as ONE line on stderr — what is wrong, then where to read more —
 * and exits with {@link ExitCodes#USAGE}. picocli's default prints the whole usage, which
 * buries the one sentence that matters.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(line(cmd, ex.getMessage()));
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    /**
     * @param cmd the command the error belongs to
     * @param message what is wrong
     * @return {@code <command>: <message>. Try '<command> --help'.} on one line
     */
    static String line(CommandLine cmd, String message) {
        String name = cmd.getCommandSpec().qualifiedName();
        String text = message == null || message.isBlank() ? "invalid command line" : oneLine(message);
        if (!text.endsWith(".")) {
            text += ".";
        }
        return name + ": " + text + " Try '" + name + " --help'.";
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
