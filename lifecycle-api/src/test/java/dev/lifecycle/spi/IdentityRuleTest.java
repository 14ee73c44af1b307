// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRef;
import dev.lifecycle.spi.IdentityRule.Decision;
import dev.lifecycle.spi.IdentityRule.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two decisions — may we signal it, may we count it gone — for every kind of evidence. */
class IdentityRuleTest {

    private static final long PID = 999_999_999L;
    private static final Instant WRITTEN = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant CONSISTENT = WRITTEN.minusSeconds(5);
    private static final Instant AN_HOUR_LATER = WRITTEN.plus(Duration.ofHours(1));

    @TempDir
    Path home;

    private Path dir;
    private Path other;
    private ProcessRef ref;

    @BeforeEach
    void instances() throws IOException {
        dir = Files.createDirectories(home.resolve("default"));
        other = Files.createDirectories(home.resolve("other"));
        ref = ProcessRef.recordedIn(PID, dir.resolve("ha.pid"), WRITTEN);
    }

    private ProcessEvidence agentOf(Path instance) {
        return ProcessEvidence.of(List.of("limactl", "hostagent", "--pidfile", instance.resolve("ha.pid").toString()),
                List.of());
    }

    private static final ProcessEvidence UNRELATED = ProcessEvidence.of(List.of("sleep", "1000"), List.of());

    private Decision decide(Instant start, ProcessEvidence evidence, boolean namesInstance) {
        return IdentityRule.decide(ref, new ExpectedOwner(dir, namesInstance), start, StartTimeCheck.DEFAULT_TOLERANCE,
                evidence);
    }

    @Test
    void referringToThisInstanceIsOursEvenWhenTheClockSteppedForward() {
        Decision d = decide(AN_HOUR_LATER, agentOf(dir), true);
        assertEquals(Verdict.OURS, d.verdict());
        assertTrue(d.detail().contains("clock"), d.detail());
        assertEquals(Verdict.OURS, decide(CONSISTENT, agentOf(dir), true).verdict());
    }

    @Test
    void referringToAnotherInstanceIsNeverOursWhateverTheStartTime() {
        assertEquals(Verdict.NOT_OURS, decide(CONSISTENT, agentOf(other), true).verdict());
        assertEquals(Verdict.NOT_OURS, decide(CONSISTENT, agentOf(other), false).verdict());
        assertEquals(Verdict.NOT_OURS, decide(AN_HOUR_LATER, agentOf(other), true).verdict());
    }

    @Test
    void aConsistentStartAloneIsNotEnoughForARoleThatNamesItsInstance() {
        Decision d = decide(CONSISTENT, UNRELATED, true);
        assertEquals(Verdict.UNKNOWN, d.verdict());
        assertTrue(d.detail().contains("ps -o pid,lstart,args -p " + PID), d.detail());
        assertTrue(d.detail().contains("ha.pid"), "says which file to check: " + d.detail());
    }

    @Test
    void aConsistentStartIsEnoughForARoleLimaDoesNotFix() {
        assertEquals(Verdict.OURS, decide(CONSISTENT, UNRELATED, false).verdict());
    }

    @Test
    void aLaterStartAndNoInstanceIsAReusedPid() {
        Decision d = decide(AN_HOUR_LATER, UNRELATED, true);
        assertEquals(Verdict.NOT_OURS, d.verdict());
        assertTrue(d.detail().contains("reused"), d.detail());
    }

    @Test
    void unreadableEvidenceLeavesTheStartTimeAloneAndSaysSo() {
        ProcessEvidence none = ProcessEvidence.unreadable("PID " + PID + ": permission denied");
        Decision ours = decide(CONSISTENT, none, true);
        assertEquals(Verdict.OURS, ours.verdict());
        assertTrue(ours.detail().contains("start time alone") && ours.detail().contains("permission denied"),
                ours.detail());
        assertEquals(Verdict.NOT_OURS, decide(AN_HOUR_LATER, none, true).verdict());
    }

    @Test
    void contradictoryEvidenceIsUnknown() {
        ProcessEvidence both = ProcessEvidence.of(List.of("limactl", "--pidfile", dir.resolve("ha.pid").toString(),
                "--socket", other.resolve("ha.sock").toString()), List.of());
        assertEquals(Verdict.UNKNOWN, decide(CONSISTENT, both, true).verdict());
    }

    @Test
    void anAncestorOfThisProcessIsNeverOurs() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        ProcessRef parentRef = ProcessRef.recordedIn(parent, dir.resolve("ha.pid"), WRITTEN);
        Decision d = IdentityRule.decide(parentRef, ExpectedOwner.namingItsInstance(dir), CONSISTENT,
                StartTimeCheck.DEFAULT_TOLERANCE, agentOf(dir));
        assertEquals(Verdict.NOT_OURS, d.verdict());
        assertTrue(d.detail().contains("ancestor"), d.detail());
    }

    @Test
    void aChildOfThisProcessIsNoAncestorAndItsParentIs() throws Exception {
        // A child of this JVM (a Java that prints its version: there on every OS) is never its ancestor.
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(IdentityRule.ancestorOfThisProcess(child.pid()).isEmpty());
            long parent = ProcessHandle.current().parent().orElseThrow().pid();
            assertTrue(IdentityRule.ancestorOfThisProcess(parent).isPresent());
            // asked again, after the first answers were kept: the same
            assertTrue(IdentityRule.ancestorOfThisProcess(child.pid()).isEmpty());
            assertTrue(IdentityRule.ancestorOfThisProcess(ProcessHandle.current().pid()).isEmpty());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
