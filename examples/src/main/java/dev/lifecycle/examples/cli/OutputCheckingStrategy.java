// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the command (picocli's {@code RunLast}, which also prints help and version), then
 * checks that everything it wrote to standard output arrived. A write error — a full disk,
 * a reader that closed the pipe — is reported on stderr and turns a success into
 * {@link ExitCodes#OUTPUT_FAILED}; a command that already failed keeps its own code.
 */
final class OutputCheckingStrategy implements IExecutionStrategy {

    private final IExecutionStrategy command = new CommandLine.RunLast();
    private final CliContext ctx;

    OutputCheckingStrategy(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public int execute(ParseResult parseResult) {
        int code = command.execute(parseResult);
        List<CommandLine> chain = parseResult.asCommandLineList();
        return checked(ctx, chain.get(chain.size() - 1).getCommandSpec().qualifiedName(), code);
    }

    /**
     * Checks that what a command wrote to standard output arrived.
     *
     * @param ctx the context the command wrote to
     * @param name the command's name, for the message
     * @param code the command's exit code
     * @return the exit code, {@link ExitCodes#OUTPUT_FAILED} instead of success after a write error
     */
    static int checked(CliContext ctx, String name, int code) {
        Optional<IOException> failure = failure(ctx.out());
        if (failure.isEmpty()) {
            return code;
        }
        ctx.err().println(name + ": error: cannot write to standard output ("
                + UsageErrorHandler.oneLine(String.valueOf(failure.get().getMessage()))
                + "): what it printed there is lost");
        ctx.err().flush();
        return code == ExitCodes.OK ? ExitCodes.OUTPUT_FAILED : code;
    }

    /** The first write error of the writer, if any; a plain writer only has a flag. */
    static Optional<IOException> failure(PrintWriter out) {
        if (out instanceof CheckedWriter checked) {
            return checked.failure();
        }
        return out.checkError() ? Optional.of(new IOException("write error")) : Optional.empty();
    }
}
