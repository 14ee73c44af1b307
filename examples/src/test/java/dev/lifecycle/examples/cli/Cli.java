// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in this JVM with captured output and a controlled environment. */
final class Cli {

    /** What a run produced. */
    record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** Runs with an empty environment and a user home that has no {@code .lima}. */
    static Result run(String... args) {
        return run(Map.of(), Path.of("/nonexistent-user-home"), args);
    }

    static Result run(Map<String, String> env, Path userHome, String... args) {
        return run(env, userHome, new Object[1], args);
    }

    /**
     * Runs and hands back the command tree in {@code tree[0]}, so a test can reach a
     * command object afterwards.
     */
    static Result run(Map<String, String> env, Path userHome, Object[] tree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.of(new PrintWriter(out, true), new PrintWriter(err, true), env, userHome);
        CommandLine cli = LifecycleCli.commandLine(ctx);
        tree[0] = cli;
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
