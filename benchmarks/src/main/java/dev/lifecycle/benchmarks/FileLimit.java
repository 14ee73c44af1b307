// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lowers this JVM's limit on open files, as {@code ulimit -n} would have before it started —
 * but after the agent host started, which holds a pipe to every stand-in and keeps the usual
 * limit. Uses util-linux {@code prlimit}, which may lower a limit of the caller's own
 * processes without privileges.
 */
final class FileLimit {

    private FileLimit() {
    }

    /**
     * @param openFiles the new soft and hard limit
     * @throws IOException if {@code prlimit} is missing or refuses
     */
    static void lower(int openFiles) throws IOException, InterruptedException {
        List<String> cmd = List.of("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()),
                "--nofile=" + openFiles + ":" + openFiles);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
