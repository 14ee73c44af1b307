// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own ({@code java -cp <test class path> LifecycleCli ...}), for what
 * an in-JVM run cannot show: real standard streams, signals, a small heap, system
 * properties read at startup.
 */
final class ChildCli {

    /** What a finished child produced. */
    record Result(int exitCode, String out, String err) {
    }

    private ChildCli() {
    }

    /**
     * @param jvmOptions options for the child JVM, e.g. {@code -Xmx32m}
     * @param args the CLI's arguments
     * @return the command, ready for redirects
     */
    static ProcessBuilder command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LifecycleCli.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    /**
     * Runs to the end with stdout and stderr captured in files under {@code dir}.
     *
     * @return the exit code and both outputs
     */
    static Result run(Path dir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = command(jvmOptions, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Result(await(p), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Waits (bounded) for the child's exit code; kills it and fails if it hangs. */
    static int await(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI (PID " + p.pid() + ") did not end within 60 s");
        }
        return p.exitValue();
    }
}
