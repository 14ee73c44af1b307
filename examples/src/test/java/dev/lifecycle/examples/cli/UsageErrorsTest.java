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
                error("unknown instance", "No Lima instance 'nosuch'", "stop", "--lima-home", "HOME", "nosuch"),
                error("invalid instance name", "Invalid Lima instance name '../etc'", "stop", "--lima-home", "HOME", "../etc"),
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
                error("missing Lima home", "does not exist", "stop", "--lima-home", "HOME/missing", "default"),
                error("no names", "Name the instances to stop, or give --all", "stop", "--lima-home", "HOME"),
                error("all and names", "either --all or instance names", "stop", "--lima-home", "HOME", "--all", "default"),
                error("force and graceful-only", "--force and --graceful-only exclude each other", "stop", "--lima-home",
                        "HOME", "--force", "--graceful-only", "default"),
                error("list of a missing home", "does not exist", "list", "--lima-home", "HOME/missing"));
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

        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(home.resolve("user").resolve(".lima").toString()), r.err());
        assertTrue(r.err().contains("LIMA_HOME"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();

        assertEquals(2, r.exitCode());
        assertEquals("lifecycle: Missing command: choose list, stop or demo. Try 'lifecycle --help'.",
                r.err().strip());
    }
}
