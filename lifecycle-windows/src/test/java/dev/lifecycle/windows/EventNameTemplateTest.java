// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lifecycle.api.ProcessRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event name template of {@link InterruptChannelStrategy#namedEvents(String)} and the system property. */
class EventNameTemplateTest {

    @Test
    void instanceRoleAndPidAreFilledIn() {
        InterruptChannelStrategy s = InterruptChannelStrategy.namedEvents("Local\\myapp-interrupt-{role}-{instance}-{pid}");
        assertEquals(new InterruptChannel.NamedEvent("Local\\myapp-interrupt-hostagent-default-4242"),
                s.channelFor("default", ProcessRole.HOST_AGENT, 4242));
        assertEquals(new InterruptChannel.NamedEvent("Local\\myapp-interrupt-driver-server-dev.box-7"),
                s.channelFor("dev.box", ProcessRole.DRIVER_SERVER, 7));
    }

    @Test
    void aTemplateWithoutPlaceholdersNamesOneEventForEveryone() {
        assertEquals("Global\\stop-all", EventNameTemplate.parse("Global\\stop-all").nameFor("a", ProcessRole.DRIVER, 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Local\\x-{name}", "Local\\x-{}", "Local\\{PID}"})
    void anUnknownPlaceholderIsRejectedNamingTheKnownOnes(String template) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventNameTemplate.parse(template));
        assertTrue(e.getMessage().contains("{instance}, {role} and {pid}"), e.getMessage());
    }

    @Test
    void theOldPercentDFormIsRejectedWithTheNewSpelling() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventNameTemplate.parse("Local\\lima-interrupt-%d"));
        assertTrue(e.getMessage().contains("{pid}"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Local\\a\u0000b"})
    void blankOrNulIsRejected(String template) {
        assertThrows(IllegalArgumentException.class, () -> EventNameTemplate.parse(template));
    }

    @Test
    void aNameLongerThanWindowsAcceptsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EventNameTemplate.parse("Local\\" + "x".repeat(300)));
        assertThrows(IllegalArgumentException.class, () -> InterruptChannel.namedEvent("Local\\" + "x".repeat(300)));
    }
}
