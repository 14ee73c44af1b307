package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The helper's runner, with real processes: {@code sh} here, {@code cmd} on Windows. */
class BoundedProcessRunnerTest {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final BoundedProcessRunner runner = new BoundedProcessRunner();

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void anExitedProcessGivesItsCodeAndItsMergedOutput() {
        HelperOutcome outcome = runner.run(List.of("sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3"), GENEROUS);
        assertEquals(HelperOutcome.Ending.EXITED, outcome.ending());
        assertEquals(3, outcome.exitCode());
        assertTrue(outcome.output().contains("to-stdout"), outcome.output());
        assertTrue(outcome.output().contains("to-stderr"), outcome.output());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void stdinIsClosedSoAReaderSeesEndOfInputAtOnce() {
        HelperOutcome outcome = runner.run(List.of("sh", "-c", "cat; echo after-eof"), GENEROUS);
        assertEquals(HelperOutcome.Ending.EXITED, outcome.ending(), outcome.toString());
        assertEquals("after-eof", outcome.output());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void onExpiryTheProcessAndItsDescendantsAreKilled() throws Exception {
        HelperOutcome outcome = runner.run(List.of("sh", "-c", "sleep 600 & echo $!; wait"), Duration.ofSeconds(2));
        assertEquals(HelperOutcome.Ending.TIMED_OUT, outcome.ending());
        assertEquals(-1, outcome.exitCode());
        long child = Long.parseLong(outcome.output().strip());
        Optional<ProcessHandle> sleeper = ProcessHandle.of(child);
        if (sleeper.isPresent()) {
            sleeper.get().onExit().get(30, TimeUnit.SECONDS);
            assertFalse(sleeper.get().isAlive(), "the grandchild sleep " + child + " survived");
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void outputIsBoundedAndTheProcessNeverBlocksOnAFullPipe() {
        HelperOutcome outcome = runner.run(List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\000' x; exit 0"),
                GENEROUS);
        assertEquals(HelperOutcome.Ending.EXITED, outcome.ending());
        assertEquals(0, outcome.exitCode());
        assertEquals(BoundedProcessRunner.MAX_OUTPUT, outcome.output().length());
    }

    @Test
    void aProgramThatDoesNotExistFailsToStartAndSaysWhich() {
        HelperOutcome outcome = runner.run(List.of("no-such-program-lifecycle-test"), GENEROUS);
        assertEquals(HelperOutcome.Ending.FAILED_TO_START, outcome.ending());
        assertTrue(outcome.failure().contains("no-such-program-lifecycle-test"), outcome.failure());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsAProcessPastItsLimitIsKilled() {
        HelperOutcome outcome = runner.run(List.of("cmd", "/c", "ping -n 600 127.0.0.1 >NUL"), Duration.ofSeconds(2));
        assertEquals(HelperOutcome.Ending.TIMED_OUT, outcome.ending());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void onWindowsAnExitedProcessGivesItsCode() {
        HelperOutcome outcome = runner.run(List.of("cmd", "/c", "echo hello& exit 4"), GENEROUS);
        assertEquals(HelperOutcome.Ending.EXITED, outcome.ending());
        assertEquals(4, outcome.exitCode());
        assertTrue(outcome.output().contains("hello"), outcome.output());
    }
}
