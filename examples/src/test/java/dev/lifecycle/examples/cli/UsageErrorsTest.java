// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage errors: exit code 2, nothing on stdout, ONE line on stderr that says what to do. */
class UsageErrorsTest {

    @TempDir
    Path home;

    @BeforeEach
    void oneStoppedInstance() throws Exception {
        Files.createDirectories(home.resolve("default"));
        Files.writeString(home.resolve("default").resolve("lima.yaml"), "vmType: qemu\n");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                error("bad duration", "'5 parsecs' is not a duration", "stop", "--lima-home", "HOME", "--grace", "5 parsecs",
                        "default"),
                error("duration without unit", "'30' is not a duration", "stop", "--lima-home", "HOME", "--kill-timeout",
                        "30", "default"),
                error("zero kill timeout", "--kill-timeout must be above zero", "stop", "--lima-home", "HOME",
                        "--kill-timeout", "0s", "default"),
                error("endless kill timeout", "--kill-timeout 999999999m is too long: at most 153722867m", "stop",
                        "--lima-home", "HOME", "--kill-timeout", "999999999m", "default"),
                error("endless grace", "--grace 999999999m is too long", "stop", "--lima-home", "HOME", "--grace",
                        "999999999m", "default"),
                error("endless command timeout", "--command-timeout 999999999m is too long", "stop", "--lima-home",
                        "HOME", "--command-timeout", "999999999m", "default"),
                error("unknown option", "Unknown option: '--frobnicate'", "stop", "--lima-home", "HOME", "--frobnicate",
                        "default"),
                error("negative duration", "'-1s' is negative", "stop", "--lima-home", "HOME", "--grace", "-1s"),
                error("all and names", "either --all or instance names", "stop", "--lima-home", "HOME", "--all", "default"),
                error("force and graceful-only", "--force and --graceful-only exclude each other", "stop", "--lima-home",
                        "HOME", "--force", "--graceful-only", "default"),
                error("json and format", "option --json conflicts with option --format", "list", "--lima-home", "HOME",
                        "--json", "--format", "{{.Name}}"),
                error("quiet with json", "option --quiet can only be used with '--format table'", "list", "--lima-home",
                        "HOME", "-q", "--format", "json"),
                error("list-fields and format", "option --list-fields conflicts with option --format", "list",
                        "--list-fields", "-f", "table"),
                error("unknown template field", "can't evaluate field Nmae", "list", "--lima-home", "HOME", "--format",
                        "{{.Nmae}}"),
                error("template function", "{{.Name | printf}} is not supported", "list", "--lima-home", "HOME",
                        "--format", "{{.Name | printf}}"),
                error("yaml", "--format yaml is not supported by this CLI; use --format json", "list", "--lima-home",
                        "HOME", "--format", "yaml"),
                error("unknown log level", "'loud' is not a log level", "list", "--log-level", "loud"),
                error("completion for an unknown shell", "no completion for 'fish': choose bash or zsh", "completion",
                        "fish"));
    }

    private static Arguments error(String name, String expected, String... args) {
        return Arguments.of(name, expected, List.of(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void printsOneLineAndExitsWithTwo(String name, String expected, List<String> commandLine) {
        String[] args = commandLine.stream().map(a -> a.replace("HOME", home.toString())).toArray(String[]::new);

        Cli.Result r = Cli.run(args);

        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + r.err());
        assertTrue(lines.get(0).contains(expected), lines.get(0));
        String command = args[0];
        assertTrue(lines.get(0).startsWith("lifecycle " + command + ": "), lines.get(0));
        assertTrue(lines.get(0).endsWith("Try 'lifecycle " + command + " --help'."), lines.get(0));
    }

    @Test
    void missingDefaultLimaHomeNamesTheEnvironmentVariable() {
        Cli.Result r = Cli.run(Map.of(), home.resolve("user"), "stop", "default");

        assertEquals(1, r.exitCode(), "as limactl: an instance it cannot inspect is exit code 1, not a usage error");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(home.resolve("user").resolve(".lima").toString()), r.err());
        assertTrue(r.err().contains("LIMA_HOME"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();

        assertEquals(2, r.exitCode());
        assertEquals("lifecycle: Missing command: choose list, stop, demo or completion. Try 'lifecycle --help'.",
                r.err().strip());
    }
}
