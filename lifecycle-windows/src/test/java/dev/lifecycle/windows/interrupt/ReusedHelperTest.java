// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.interrupt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.windows.helper.BreakOutcome;
import dev.lifecycle.windows.helper.HelperProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reused helper process and its protocol, with real processes: the real helper JVM (off
 * Windows it starts, then says it runs on Windows only), and {@code sh} stand-ins that
 * answer, hang or die as a helper could.
 */
@DisabledOnOs(OS.WINDOWS)
class ReusedHelperTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(1);
    private static final String P = HelperProtocol.PREFIX;
    private static final Pattern SHELL_PID = Pattern.compile("shell (\\d+)");

    @TempDir
    Path temp;

    private static ReusedHelper standIn(String script) {
        return new ReusedHelper(() -> List.of("sh", "-c", script));
    }

    private static long shellPid(String text) {
        Matcher m = SHELL_PID.matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void theRealHelperJvmStartsFromItsClassPathAndOffWindowsSaysSo() {
        ReusedHelper helper = new ReusedHelper(() -> HelperCommand.forCurrentJvm(Optional.empty()).command(ReusedHelper.IDLE));
        HelperOutcome outcome = helper.sendCtrlBreak(4321, LIMIT);
        assertEquals(HelperOutcome.Ending.REPLIED, outcome.ending(), outcome.toString());
        assertEquals(Optional.of(BreakOutcome.UNSUPPORTED), outcome.outcome(), outcome.toString());
        assertTrue(outcome.text().contains("Windows only"), outcome.text());
    }

    @Test
    void oneHelperProcessServesRequestAfterRequestAndOtherOutputIsNoProtocol() {
        ReusedHelper helper = standIn("echo 'Picked up JAVA_TOOL_OPTIONS: noise'; echo '" + P + "READY';"
                + " while read pid; do echo \"" + P + "SENT to $pid by shell $$\"; done");
        HelperOutcome first = helper.sendCtrlBreak(1001, LIMIT);
        HelperOutcome second = helper.sendCtrlBreak(1002, LIMIT);
        assertEquals(Optional.of(BreakOutcome.SENT), first.outcome(), first.toString());
        assertEquals(Optional.of(BreakOutcome.SENT), second.outcome(), second.toString());
        assertTrue(first.text().startsWith("to 1001 by"), first.text());
        assertTrue(second.text().startsWith("to 1002 by"), second.text());
        assertEquals(shellPid(first.text()), shellPid(second.text()), "the second request reused the first helper");
    }

    @Test
    void aHelperThatDoesNotAnswerIsKilledAtTheTimeoutAndTheNextRequestStartsAFreshOne() throws Exception {
        Path hungOnce = temp.resolve("hung-once");
        ReusedHelper helper = standIn("echo \"shell $$\"; echo '" + P + "READY'; read pid;"
                + " if [ ! -e '" + hungOnce + "' ]; then touch '" + hungOnce + "'; exec sleep 300; fi;"
                + " echo \"" + P + "SENT to $pid by shell $$\"; while read pid; do :; done");
        HelperOutcome hung = helper.sendCtrlBreak(2001, SHORT);
        assertEquals(HelperOutcome.Ending.TIMED_OUT, hung.ending(), hung.toString());
        long killed = shellPid(hung.text());
        assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false), "the hung helper was killed");

        HelperOutcome next = helper.sendCtrlBreak(2002, LIMIT);
        assertEquals(Optional.of(BreakOutcome.SENT), next.outcome(), next.toString());
        assertNotEquals(killed, shellPid(next.text()));
    }

    @Test
    void aHelperThatNeverGetsReadyIsKilledAtTheTimeout() {
        HelperOutcome outcome = standIn("echo \"shell $$\"; exec sleep 300").sendCtrlBreak(3001, SHORT);
        assertEquals(HelperOutcome.Ending.TIMED_OUT, outcome.ending(), outcome.toString());
        assertFalse(ProcessHandle.of(shellPid(outcome.text())).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aHelperThatEndsWithoutAReplySaysHowItEnded() {
        HelperOutcome outcome = standIn("echo '" + P + "READY'; read pid; echo 'Exception in thread main'; exit 3")
                .sendCtrlBreak(4001, LIMIT);
        assertEquals(HelperOutcome.Ending.ENDED, outcome.ending(), outcome.toString());
        assertTrue(outcome.text().contains("exit code 3"), outcome.text());
        assertTrue(outcome.text().contains("Exception in thread main"), outcome.text());
    }

    @Test
    void theHelperDoesNotInheritTheJavaOptionsMeantForTheUsersOwnJvms() {
        // This JVM's environment lacks them, so the stand-in is given them, then cleaned as the helper is.
        String script = "echo '" + P + "READY'; read pid;"
                + " echo \"" + P + "SENT tool=[$JAVA_TOOL_OPTIONS] java=[$_JAVA_OPTIONS] jdk=[$JDK_JAVA_OPTIONS] path=[${PATH:+set}]\"";
        HelperProcess.Started started = HelperProcess.start(List.of("sh", "-c", script), env -> {
            env.put("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=5005");
            env.put("_JAVA_OPTIONS", "-Xmx8g");
            env.put("JDK_JAVA_OPTIONS", "--enable-preview");
            HelperCommand.clean(env);
        }, LIMIT);
        HelperProcess helper = started.helper().orElseThrow(() -> new AssertionError(started.failure()));
        try {
            HelperOutcome outcome = helper.request(6001, LIMIT);
            assertEquals("tool=[] java=[] jdk=[] path=[set]", outcome.text(), outcome.toString());
        } finally {
            helper.close();
        }
    }

    @Test
    void aHelperThatCannotBeStartedOrHasNoJavaFailsToStartAndSaysWhy() {
        HelperOutcome missing = new ReusedHelper(() -> List.of(temp.resolve("no-java").toString()))
                .sendCtrlBreak(5001, LIMIT);
        assertEquals(HelperOutcome.Ending.FAILED_TO_START, missing.ending(), missing.toString());
        assertTrue(missing.text().contains("no-java"), missing.text());
        HelperOutcome noJava = new ReusedHelper(() -> {
            throw new IllegalStateException("no Java to start the Ctrl+Break helper with");
        }).sendCtrlBreak(5002, LIMIT);
        assertEquals(HelperOutcome.Ending.FAILED_TO_START, noJava.ending());
        assertEquals("no Java to start the Ctrl+Break helper with", noJava.text());
    }
}
