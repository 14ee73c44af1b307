// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CommandLineToArgvW rules, on the cases its documentation gives and on Lima's own command lines. */
class WindowsCommandLineTest {

    @Test
    void aHostAgentWithSpacesInItsPathsKeepsEachPathOneArgument() {
        assertEquals(List.of("C:\\Program Files\\Lima\\limactl.exe", "hostagent", "--pidfile",
                        "C:\\Users\\Jane Doe\\.lima\\default\\ha.pid", "--socket", "C:\\Users\\Jane Doe\\.lima\\default\\ha.sock",
                        "default"),
                WindowsCommandLine.split("\"C:\\Program Files\\Lima\\limactl.exe\" hostagent --pidfile"
                        + " \"C:\\Users\\Jane Doe\\.lima\\default\\ha.pid\" --socket"
                        + " \"C:\\Users\\Jane Doe\\.lima\\default\\ha.sock\" default"));
    }

    @Test
    void backslashesAreLiteralUnlessTheyPrecedeAQuote() {
        // The examples of the CommandLineToArgvW documentation.
        assertEquals(List.of("p", "a b c", "d", "e"), WindowsCommandLine.split("p \"a b c\" d e"));
        assertEquals(List.of("p", "ab\"c", "\\", "d"), WindowsCommandLine.split("p \"ab\\\"c\" \"\\\\\" d"));
        assertEquals(List.of("p", "a\\\\\\b", "de fg", "h"), WindowsCommandLine.split("p a\\\\\\b d\"e f\"g h"));
        assertEquals(List.of("p", "a\\\"b", "c", "d"), WindowsCommandLine.split("p a\\\\\\\"b c d"));
        assertEquals(List.of("p", "a\\\\b c", "d", "e"), WindowsCommandLine.split("p \"a\\\\b c\" d e"));
    }

    @Test
    void theProgramNameHasNoEscapesAndDoubledQuotesInsideQuotesAreOneQuote() {
        assertEquals(List.of("C:\\dir\\", "x"), WindowsCommandLine.split("\"C:\\dir\\\" x"));
        assertEquals(List.of("p", "say \"hi\""), WindowsCommandLine.split("p \"say \"\"hi\"\"\""));
        assertEquals(List.of(), WindowsCommandLine.split("   "));
        assertEquals(List.of("p", "a", "b"), WindowsCommandLine.split("p\ta   b  "));
    }
}
