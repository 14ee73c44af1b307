// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandInTest {

    @Test
    void aRequestWithADirectoryThatHoldsSpacesSurvivesTheRoundTrip() {
        StandIn agent = new StandIn(AgentKind.GRACEFUL, StandIn.Role.AGENT, 100, 4242,
                Optional.of(Path.of("/tmp/a home/inst-1")));
        assertEquals(agent, StandIn.parse(agent.request().substring("spawn ".length())));
        StandIn plain = StandIn.plain(AgentKind.PLAIN);
        assertEquals(plain, StandIn.parse(plain.request().substring("spawn ".length())));
    }

    @Test
    void eachRoleCarriesLimasCommandLineForItsInstance() {
        Path dir = Path.of("/tmp/home/inst-1");
        List<String> agent = new StandIn(AgentKind.IGNORING, StandIn.Role.AGENT, 0, 0, Optional.of(dir)).command();
        assertEquals(List.of("limactl", "hostagent", "--pidfile", "/tmp/home/inst-1/ha.pid", "--socket",
                "/tmp/home/inst-1/ha.sock", "inst-1"), agent.subList(3, agent.size()));
        List<String> driver = new StandIn(AgentKind.IGNORING, StandIn.Role.DRIVER, 0, 0, Optional.of(dir)).command();
        assertTrue(driver.containsAll(List.of("-pidfile", "/tmp/home/inst-1/qemu.pid")), driver.toString());
        assertEquals(3, StandIn.plain(AgentKind.PLAIN).command().size());
    }

    @Test
    void aGracefulAgentWaitsItsDelayThenStopsItsDriver() {
        assertEquals("trap 'sleep 0.100; kill -TERM 4242 2>/dev/null; exit 0' INT TERM; echo ready; read line; exit 0",
                AgentKind.GRACEFUL.script(100, 4242));
        assertEquals("trap 'exit 0' INT TERM; echo ready; read line; exit 0", AgentKind.GRACEFUL.script(0, 0));
        assertEquals("trap '' INT TERM; echo ready; read line; exit 0", AgentKind.IGNORING.script(100, 4242));
        assertEquals("1.250", AgentKind.seconds(1250));
    }

    @Test
    void aMalformedRequestIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StandIn.parse("graceful agent"));
        assertThrows(IllegalArgumentException.class, () -> StandIn.parse("sleepy agent 0 0"));
    }
}
