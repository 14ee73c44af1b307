// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * An error nobody planned for (a bug, a broken installation): one line on stderr naming the
 * command and the error, exit code {@link ExitCodes#FAILED}. Stop failures never get here:
 * they are values in the reports.
 */
final class UnexpectedErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": error: "
                + UsageErrorHandler.oneLine(String.valueOf(ex)));
        cmd.getErr().flush();
        return ExitCodes.FAILED;
    }
}
