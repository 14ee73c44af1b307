// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.spi.Availability;
import dev.lifecycle.spi.ProcessControl;
import dev.lifecycle.tck.reference.BrokenProcessControls;
import dev.lifecycle.tck.reference.ReferenceProcessControl;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The kit proves itself: a correct provider passes every test, and each broken provider
 * fails exactly the tests of the clause it breaks, with a message that names the clause.
 */
@EnabledOnOs(OS.LINUX)
class ProcessControlContractSelfTest {

    /** Test methods of the suite, counted from the class so that a new test cannot be forgotten here. */
    private static final long CONTRACT_TESTS = Arrays.stream(ProcessControlContract.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class)).count();

    @Test
    void correctProviderPassesEveryTest() {
        SuiteRun run = SuiteRun.of(ReferenceSuite.class);

        assertEquals(Map.of(), run.failures(), "failures of a correct provider");
        assertEquals(Map.of(), run.aborted(), "skipped tests of an available provider");
        assertEquals(CONTRACT_TESTS, run.count(), "tests run: " + run);
    }

    @Test
    void providerThatSkipsTheIdentityCheckFailsClause3() {
        Map<String, String> failures = SuiteRun.of(SkipsIdentityCheckSuite.class).failures();

        assertEquals(Set.of("pidFileOlderThanTheProcessIsNotOurs", "recordedStartAnHourOffIsNotOurs"),
                failures.keySet());
        assertTrue(failures.get("pidFileOlderThanTheProcessIsNotOurs").matches(
                "Contract §3 \\(identity\\): PID \\d+ started at \\S+, after its PID file was written at \\S+,"
                        + " yet find\\(\\) returned Found \\(.*\\); the PID names a later process and must be left"
                        + " alone"), failures::toString);
        assertTrue(failures.get("recordedStartAnHourOffIsNotOurs").startsWith("Contract §3 (identity): PID "),
                failures::toString);
    }

    @Test
    void providerThatTrustsTheClockAloneFailsClause3() {
        Map<String, String> failures = SuiteRun.of(TrustsTheClockAloneSuite.class).failures();

        assertEquals(Set.of("processNamingItsInstanceIsFoundThoughItsPidFileLooksOlder",
                "processNamingAnotherInstanceIsNotOurs", "processNamingNoInstanceWithAPlausibleStartIsUnknown"),
                failures.keySet());
        assertTrue(failures.get("processNamingItsInstanceIsFoundThoughItsPidFileLooksOlder").matches(
                "Contract §3 \\(identity\\): PID \\d+ names its instance directory on its command line .*, yet"
                        + " find\\(ref, owner\\) returned NotOurs .*IdentityRule.decide"), failures::toString);
        assertTrue(failures.get("processNamingAnotherInstanceIsNotOurs").contains(
                "a process that refers to another instance is never signalled"), failures::toString);
    }

    @Test
    void providerThatRefusesNothingFailsClause2() {
        Map<String, String> failures = SuiteRun.of(RefusesNothingSuite.class).failures();

        assertEquals(Set.of("pidOneIsRefused", "currentProcessIsRefused"), failures.keySet());
        assertTrue(failures.get("pidOneIsRefused").startsWith(
                "Contract §2 (refusals): PID 1 must never be signalled, yet find() returned "), failures::toString);
        assertTrue(failures.get("currentProcessIsRefused").contains(
                "is the current process and must never be signalled"), failures::toString);
    }

    @Test
    void providerThatTakesZombiesForAliveFailsClause4() {
        Map<String, String> failures = SuiteRun.of(ZombieBlindSuite.class).failures();

        assertEquals(Set.of("zombieCountsAsExited"), failures.keySet());
        assertTrue(failures.get("zombieCountsAsExited").matches("Contract §4 \\(gone processes\\): PID \\d+ exited"
                + " and is a zombie .*, yet onExit\\(\\) did not complete within 10 s; a zombie has exited"),
                failures::toString);
    }

    @Test
    void providerWhoseSecondKillThrowsFailsClause5() {
        Map<String, String> failures = SuiteRun.of(KillsOnceSuite.class).failures();

        assertEquals(Set.of("killIsIdempotent", "detailsNameThePid"), failures.keySet());
        assertTrue(failures.get("killIsIdempotent").matches("Contract §5 \\(signals\\): a second kill\\(\\) of PID"
                + " \\d+ threw java.lang.IllegalStateException: .*; every outcome must be a SignalResult"),
                failures::toString);
    }

    @Test
    void providerWithAThreadPerWatchFailsClause6() {
        Map<String, String> failures = SuiteRun.of(ThreadPerWatchSuite.class).failures();

        assertEquals(Set.of("onExitOfManyProcessesNeedsNoThreadPerProcess"), failures.keySet());
        assertTrue(failures.get("onExitOfManyProcessesNeedsNoThreadPerProcess").matches(
                "Contract §6 \\(exit watching\\): watching 50 processes added \\d+ live threads .*never one per"
                        + " process"), failures::toString);
    }

    @Test
    void unavailableProviderSkipsProcessTestsWithItsCause() {
        SuiteRun run = SuiteRun.of(UnavailableSuite.class);

        assertEquals(Map.of(), run.failures());
        assertEquals(CONTRACT_TESTS - 3, run.aborted().size(), "skipped: " + run.aborted().keySet());
        assertTrue(run.aborted().values().stream().allMatch(m -> m.contains(
                "provider 'reference' is not available here: no /proc in this test")), run::toString);
    }

    @Test
    void suiteStartsTheProcessesItsSubclassDescribes() {
        Map<String, String> failures = SuiteRun.of(WrongTestProcessSuite.class).failures();

        assertTrue(failures.containsKey("interruptReachesTheProcess"), failures::toString);
        assertTrue(failures.get("interruptReachesTheProcess").matches("Conformance kit: test process PID \\d+"
                + " \\[sh, -c, echo not-ready\\] printed 'not-ready' instead of 'ready'; fix testProcessCommand"
                + "\\(\\.\\.\\.\\) of the suite"), failures::toString);
    }

    // Suites run only through SuiteRun: surefire skips nested classes.

    static class ReferenceSuite extends ProcessControlContract {
        @Override
        protected ProcessControl processControl() {
            return new ReferenceProcessControl();
        }
    }

    /**
     * Broken providers keep the kit's default bound: most of their tests wait on real exits,
     * which a loaded machine slows down, and a shorter bound there fails clauses they keep.
     */
    abstract static class BrokenSuite extends ProcessControlContract {
    }

    static class SkipsIdentityCheckSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new BrokenProcessControls.SkipsIdentityCheck();
        }
    }

    static class TrustsTheClockAloneSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new BrokenProcessControls.TrustsTheClockAlone();
        }
    }

    static class RefusesNothingSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new BrokenProcessControls.RefusesNothing();
        }
    }

    static class ZombieBlindSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new BrokenProcessControls.ZombieBlind();
        }
    }

    static class KillsOnceSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new BrokenProcessControls.KillsOnce();
        }
    }

    static class ThreadPerWatchSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new BrokenProcessControls.ThreadPerWatch();
        }
    }

    static class UnavailableSuite extends BrokenSuite {
        @Override
        protected ProcessControl processControl() {
            return new ReferenceProcessControl() {
                @Override
                public Availability availability() {
                    return Availability.unavailable("no /proc in this test");
                }
            };
        }
    }

    static class WrongTestProcessSuite extends ReferenceSuite {
        @Override
        protected List<String> testProcessCommand(TestProcessBehaviour behaviour, Path interruptMarker) {
            return List.of("sh", "-c", "echo not-ready");
        }
    }
}
