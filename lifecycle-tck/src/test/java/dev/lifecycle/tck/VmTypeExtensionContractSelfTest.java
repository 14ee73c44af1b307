// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.VmType;
import dev.lifecycle.spi.VmTypeExtension;
import dev.lifecycle.tck.reference.ReferenceVmTypeExtension;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The extension suite proves itself the same way: correct passes, each broken one fails its clause. */
class VmTypeExtensionContractSelfTest {

    private static final long CONTRACT_TESTS = Arrays.stream(VmTypeExtensionContract.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class)).count();

    @Test
    void correctExtensionPassesEveryTest() {
        SuiteRun run = SuiteRun.of(ReferenceSuite.class);

        assertEquals(Map.of(), run.failures());
        assertEquals(Map.of(), run.aborted());
        assertEquals(CONTRACT_TESTS, run.count(), "tests run: " + run);
    }

    @Test
    void extensionThatClaimsSuccessWithoutItsToolFailsClause11() {
        Map<String, String> failures = SuiteRun.of(OptimisticSuite.class).failures();

        assertEquals(Set.of("toolThatCannotStartIsAProblem", "toolThatTimesOutIsAProblem",
                "statusOfAToolThatFailsIsUnknown"), failures.keySet());
        assertTrue(failures.get("toolThatCannotStartIsAProblem").startsWith("Contract §11 (stopping the VM):"
                + " stopVm() of instance kit-missing returned SUCCEEDED although every command it ran could not be"
                + " started ([kitvm-ctl, stop, kit-missing]); the VM may still run"), failures::toString);
        assertTrue(failures.get("statusOfAToolThatFailsIsUnknown").startsWith("Contract §15 (VM status): status() of"
                + " instance kit-status returned STOPPED although every command it ran could not be started"
                + " ([kitvm-ctl, state, kit-status]); what the tool did not say is UNKNOWN"), failures::toString);
    }

    @Test
    void extensionWithAnUnboundedCommandFailsClause12() {
        Map<String, String> failures = SuiteRun.of(UnboundedSuite.class).failures();

        assertEquals(Set.of("commandsAreBoundedByTheCommandTimeout", "statusCommandsAreBoundedByTheCommandTimeout"),
                failures.keySet());
        assertTrue(failures.get("commandsAreBoundedByTheCommandTimeout").startsWith("Contract §12 (commands):"
                + " stopVm() of instance kit-bounded ran [kitvm-ctl, stop, kit-bounded] with timeout PT1H;"),
                failures::toString);
        assertTrue(failures.get("statusCommandsAreBoundedByTheCommandTimeout").startsWith("Contract §15 (VM status):"
                + " status() of instance kit-status-bounded ran [kitvm-ctl, state, kit-status-bounded] with timeout PT1H;"),
                failures::toString);
    }

    @Test
    void extensionThatThrowsFailsClause11WithTheException() {
        Map<String, String> failures = SuiteRun.of(ThrowingSuite.class).failures();

        assertTrue(failures.get("toolThatCannotStartIsAProblem").startsWith("Contract §11 (stopping the VM):"
                + " stopVm() of instance kit-missing threw java.lang.IllegalStateException: kitvm-ctl not found"
                + " when its commands could not be started; a failure is a StepResult, never an exception"),
                failures::toString);
        assertTrue(failures.get("statusOfAToolThatFailsIsUnknown").startsWith("Contract §15 (VM status): status() of"
                + " instance kit-status threw java.lang.IllegalStateException: kitvm-ctl not found when its commands"
                + " could not be started; a failure is VmStatus UNKNOWN, never an exception"), failures::toString);
    }

    @Test
    void extensionThatRepeatsTheInstanceInItsMessagesFailsClause13() {
        Map<String, String> failures = SuiteRun.of(NamesTheInstanceSuite.class).failures();

        assertEquals(Set.of("stepsAndMessagesLeaveTheInstanceToTheFields"), failures.keySet());
        assertTrue(failures.get("stepsAndMessagesLeaveTheInstanceToTheFields").startsWith("Contract §13 (extension"
                + " reporting): stopVm() returned a step whose message repeats instance kit-named: 'kitvm of instance"
                + " kit-named: [kitvm-ctl, stop, kit-named] FAILED_TO_START"), failures::toString);
    }

    @Test
    void extensionThatKeepsAContextFromAnotherStopFailsClause14() {
        Map<String, String> failures = SuiteRun.of(KeepsItsFirstContextSuite.class).failures();

        assertEquals(Set.of("servesConcurrentStops"), failures.keySet());
        assertTrue(failures.get("servesConcurrentStops").matches("Contract §14 \\(extension threads\\): .*(another|about"
                + " \\[kit-.*|ran 0 commands|received 0 events).*; a stop reports only through the context it was"
                + " handed and about the instance it was called for, so that the core files it under that instance"),
                failures::toString);
    }

    static class ReferenceSuite extends VmTypeExtensionContract {
        @Override
        protected VmTypeExtension vmTypeExtension() {
            return new ReferenceVmTypeExtension();
        }

        @Override
        protected VmType supportedVmType() {
            return ReferenceVmTypeExtension.KITVM;
        }
    }

    static class OptimisticSuite extends ReferenceSuite {
        @Override
        protected VmTypeExtension vmTypeExtension() {
            return new ReferenceVmTypeExtension.Optimistic();
        }
    }

    static class UnboundedSuite extends ReferenceSuite {
        @Override
        protected VmTypeExtension vmTypeExtension() {
            return new ReferenceVmTypeExtension.Unbounded();
        }
    }

    static class ThrowingSuite extends ReferenceSuite {
        @Override
        protected VmTypeExtension vmTypeExtension() {
            return new ReferenceVmTypeExtension.ThrowsWhenToolMissing();
        }
    }

    static class NamesTheInstanceSuite extends ReferenceSuite {
        @Override
        protected VmTypeExtension vmTypeExtension() {
            return new ReferenceVmTypeExtension.NamesTheInstance();
        }
    }

    static class KeepsItsFirstContextSuite extends ReferenceSuite {
        @Override
        protected VmTypeExtension vmTypeExtension() {
            return new ReferenceVmTypeExtension.KeepsItsFirstContext();
        }
    }
}
