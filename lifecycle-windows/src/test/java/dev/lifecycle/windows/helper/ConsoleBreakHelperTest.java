// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The helper's serving loop and its protocol, with the console calls mocked. */
class ConsoleBreakHelperTest {

    private static final String[] SERVE = {HelperProtocol.SERVE, "60"};

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicBoolean consoleLoaded = new AtomicBoolean();
    private final AtomicInteger touches = new AtomicInteger();
    private final Function<Duration, Runnable> idle = d -> touches::incrementAndGet;

    private Supplier<ConsoleApi> console(ConsoleApi api) {
        return () -> {
            consoleLoaded.set(true);
            return api;
        };
    }

    private List<String> printed() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static BufferedReader requests(String... lines) {
        return new BufferedReader(new StringReader(String.join("\n", lines) + (lines.length == 0 ? "" : "\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234", "--serve", "--serve abc", "--serve 60 x", "--once 60"})
    void badArgumentsAreAUsageErrorAndTouchNoConsole(String arg) {
        String[] args = arg.isEmpty() ? new String[0] : arg.split(" ");
        assertEquals(BreakOutcome.USAGE, ConsoleBreakHelper.serve(args, "Windows 11", console(null), requests(), out, idle));
        assertEquals(BreakOutcome.USAGE, HelperProtocol.parseReply(printed().get(0)).orElseThrow().outcome());
        assertFalse(consoleLoaded.get());
    }

    @Test
    void offWindowsItIsUnsupportedBeforeItIsReady() {
        assertEquals(BreakOutcome.UNSUPPORTED, ConsoleBreakHelper.serve(SERVE, "Linux", console(null), requests("4242"),
                out, idle));
        HelperProtocol.Reply reply = HelperProtocol.parseReply(printed().get(0)).orElseThrow();
        assertEquals(BreakOutcome.UNSUPPORTED, reply.outcome());
        assertTrue(reply.message().contains("Windows only"), reply.message());
        assertEquals(1, printed().size(), "never READY");
        assertFalse(consoleLoaded.get());
    }

    @Test
    void aConsoleLayerThatCannotLoadIsFailed() {
        Supplier<ConsoleApi> broken = () -> {
            throw new UnsatisfiedLinkError("no kernel32 here");
        };
        assertEquals(BreakOutcome.FAILED, ConsoleBreakHelper.serve(SERVE, "Windows Server 2022", broken, requests(),
                out, idle));
        assertTrue(printed().get(0).contains("no kernel32 here"), printed().toString());
    }

    @Test
    void itSaysReadyThenAnswersEveryRequestOnItsOwnLineUntilStdinEnds() {
        ConsoleApi api = mock(ConsoleApi.class);
        when(api.attachConsole(1234)).thenReturn(true);
        when(api.ignoreCtrlEvents()).thenReturn(true);
        when(api.generateConsoleCtrlEvent(1, 1234)).thenReturn(true);
        when(api.attachConsole(5678)).thenReturn(false);
        when(api.getLastError()).thenReturn(6);

        BreakOutcome ended = ConsoleBreakHelper.serve(SERVE, "Windows 10", console(api),
                requests("1234", "not-a-pid", "5678", "1"), out, idle);

        assertEquals(BreakOutcome.SENT, ended, "stdin ended normally");
        List<String> lines = printed();
        assertTrue(HelperProtocol.isReady(lines.get(0)), lines.toString());
        assertEquals(List.of(Optional.of(BreakOutcome.SENT), Optional.of(BreakOutcome.USAGE),
                Optional.of(BreakOutcome.NO_CONSOLE), Optional.of(BreakOutcome.USAGE)),
                lines.subList(1, lines.size()).stream().map(l -> HelperProtocol.parseReply(l).map(r -> r.outcome())).toList());
        assertTrue(lines.get(1).contains("Ctrl+Break sent to the process group of PID 1234"), lines.get(1));
        assertEquals(4, touches.get(), "every request keeps the helper from its idle exit");
        verify(api, never()).attachConsole(1);
    }

    @Test
    void outcomeCodesAreDistinctAndNoneIsTheJvmsOwnFailureCode() {
        Set<Integer> codes = new HashSet<>();
        for (BreakOutcome o : BreakOutcome.values()) {
            assertTrue(codes.add(o.exitCode()), "duplicate exit code " + o.exitCode());
            assertTrue(o.exitCode() != 1, o + " uses exit code 1");
            assertEquals(o, BreakOutcome.ofExitCode(o.exitCode()).orElseThrow());
        }
        assertTrue(BreakOutcome.ofExitCode(1).isEmpty());
    }

    @Test
    void aReplyKeepsItsMessageOnOneLineAndOtherLinesAreNoReplies() {
        String line = HelperProtocol.reply(BreakOutcome.FAILED, "first\nsecond");
        assertEquals(new HelperProtocol.Reply(BreakOutcome.FAILED, "first second"),
                HelperProtocol.parseReply(line).orElseThrow());
        assertTrue(HelperProtocol.parseReply("Picked up JAVA_TOOL_OPTIONS: x").isEmpty());
        assertTrue(HelperProtocol.parseReply(HelperProtocol.PREFIX + "MAYBE so").isEmpty());
    }
}
