// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.startup;

import dev.lifecycle.api.HostOs;
import dev.lifecycle.examples.cli.CliContext;
import dev.lifecycle.examples.cli.LifecycleCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI's commands once, in this JVM, so that a JVM started with
 * {@code -XX:DumpLoadedClassList} records every class they load: {@code --version},
 * {@code --help}, {@code list} (table and JSON) and {@code stop} (text and JSON) of a
 * throw-away Lima home under the build directory. On Linux and macOS the home's instance
 * has a host agent — a shell that names the instance's {@code ha.pid} on its command line,
 * as Lima's agent does, and exits on SIGINT — so that the stop takes the whole graceful
 * path: identify, interrupt, watch the exit, remove the stale files. The output goes
 * nowhere; the exit code says whether every command ran as expected.
 *
 * <p>Usage: {@code java -XX:DumpLoadedClassList=<file> -cp lifecycle-cli.jar
 * dev.lifecycle.examples.startup.StartupTraining <work directory>}
 */
public final class StartupTraining {

    private static final String INSTANCE = "training";

    private StartupTraining() {
    }

    /**
     * @param args the work directory (created; an earlier one's instance is replaced)
     * @throws Exception if the work directory cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath().resolve("lima-home");
        Path dir = home.resolve(INSTANCE);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lima.yaml"), "vmType: qemu\n");
        int failures = 0;
        failures += expect(0, "--version");
        failures += expect(0, "--help");
        failures += expect(0, "stop", "--help");
        Process agent = startAgent(dir);
        try {
            failures += expect(0, home, "list");
            failures += expect(0, home, "list", "--json");
            // A short grace: where the build runs with SIGINT ignored (a background job), the
            // stand-in cannot take the interrupt and the stop goes on to the forced path.
            failures += expect(0, home, "stop", "--grace", "2s", INSTANCE);
            failures += expect(0, home, "stop", "--json", INSTANCE);
            if (agent != null && !agent.waitFor(5, TimeUnit.SECONDS)) {
                System.err.println("startup training: the stop left the stand-in agent (PID " + agent.pid()
                        + ") running; the archive lacks the classes of a stop that waits and kills");
            }
        } finally {
            if (agent != null) {
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /**
     * A stand-in host agent on Linux and macOS: it exits on SIGINT; its PID goes to
     * {@code ha.pid} after it started, as Lima writes it. None elsewhere.
     */
    private static Process startAgent(Path dir) throws IOException {
        HostOs os = HostOs.current();
        if (os != HostOs.LINUX && os != HostOs.MACOS) {
            return null;
        }
        Process agent = new ProcessBuilder("sh", "-c", "trap 'exit 0' INT TERM; echo ready; read line",
                "limactl", "hostagent", "--pidfile", dir.resolve("ha.pid").toString(), INSTANCE)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] ready = agent.getInputStream().readNBytes(6); // "ready\n": its trap is set
        if (!new String(ready, StandardCharsets.US_ASCII).equals("ready\n")) {
            System.err.println("startup training: the stand-in agent did not start (it printed '"
                    + new String(ready, StandardCharsets.US_ASCII).strip() + "'); training without a running instance");
            agent.destroyForcibly();
            return null;
        }
        Files.writeString(dir.resolve("ha.pid"), agent.pid() + "\n", StandardCharsets.US_ASCII);
        return agent;
    }

    private static int expect(int code, String... args) {
        return expect(code, null, args);
    }

    /** @return 1 if the command's exit code was not the expected one (it is reported), else 0 */
    private static int expect(int code, Path home, String... args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Map<String, String> env = home == null ? Map.of() : Map.of("LIMA_HOME", home.toString());
        CliContext ctx = CliContext.of(nowhere, nowhere, env, Path.of(System.getProperty("user.home")));
        int got = LifecycleCli.run(ctx, args);
        if (got != code) {
            System.err.println("startup training: `lifecycle " + String.join(" ", List.of(args)) + "` exited with "
                    + got + ", expected " + code);
            return 1;
        }
        return 0;
    }
}
