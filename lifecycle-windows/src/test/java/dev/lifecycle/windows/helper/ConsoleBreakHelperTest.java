package dev.lifecycle.windows.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleBreakHelperTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicBoolean consoleLoaded = new AtomicBoolean();

    private Supplier<ConsoleApi> console(ConsoleApi api) {
        return () -> {
            consoleLoaded.set(true);
            return api;
        };
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-5", "0", "1", "4294967296", "12 34", "１２３"})
    void aBadPidIsAUsageErrorAndTouchesNoConsole(String arg) {
        String[] args = arg.isEmpty() ? new String[0] : arg.split(" ");
        assertEquals(BreakOutcome.USAGE, ConsoleBreakHelper.run(args, "Windows 11", console(null), out));
        assertTrue(printed().startsWith("USAGE"), printed());
        assertTrue(!consoleLoaded.get());
    }

    @Test
    void offWindowsItIsUnsupported() {
        assertEquals(BreakOutcome.UNSUPPORTED,
                ConsoleBreakHelper.run(new String[] {"1234"}, "Linux", console(null), out));
        assertTrue(printed().contains("Windows only"), printed());
        assertTrue(!consoleLoaded.get());
    }

    @Test
    void aConsoleLayerThatCannotLoadIsFailed() {
        Supplier<ConsoleApi> broken = () -> {
            throw new UnsatisfiedLinkError("no kernel32 here");
        };
        assertEquals(BreakOutcome.FAILED, ConsoleBreakHelper.run(new String[] {"1234"}, "Windows Server 2022",
                broken, out));
        assertTrue(printed().contains("no kernel32 here"), printed());
    }

    @Test
    void printsTheOutcomeLineAndReturnsIt() {
        ConsoleApi api = mock(ConsoleApi.class);
        when(api.attachConsole(1234)).thenReturn(true);
        when(api.ignoreCtrlEvents()).thenReturn(true);
        when(api.generateConsoleCtrlEvent(1, 1234)).thenReturn(true);
        assertEquals(BreakOutcome.SENT, ConsoleBreakHelper.run(new String[] {"1234"}, "Windows 10", console(api), out));
        assertTrue(printed().startsWith("SENT: Ctrl+Break sent to the process group of PID 1234"), printed());
    }

    @Test
    void exitCodesAreDistinctAndNoneIsTheJvmsOwnFailureCode() {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (BreakOutcome o : BreakOutcome.values()) {
            assertTrue(codes.add(o.exitCode()), "duplicate exit code " + o.exitCode());
            assertTrue(o.exitCode() != 1, o + " uses exit code 1");
            assertEquals(o, BreakOutcome.ofExitCode(o.exitCode()).orElseThrow());
        }
        assertTrue(BreakOutcome.ofExitCode(1).isEmpty());
    }
}
