// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void readsWhatQmpAndLimaWrite() {
        Object greeting = JsonLine.parse("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7},"
                + " \"package\": \"Debian 1:7.2\"}, \"capabilities\": [\"oob\"]}}\r\n");
        assertEquals(Optional.of(List.of("oob")), JsonLine.at(greeting, "QMP", "capabilities"));
        assertEquals(Optional.of(new JsonLine.JsonNumber("7")), JsonLine.at(greeting, "QMP", "version", "qemu", "major"));

        Object event = JsonLine.parse("{\"time\":\"2024-05-01T10:00:00.123+02:00\",\"status\":{\"exiting\":true,"
                + "\"errors\":[\"a \\\"quoted\\\" \\u00e9 \\n line\"],\"sshLocalPort\":-1.5e3}}");
        assertEquals(Optional.of(Boolean.TRUE), JsonLine.at(event, "status", "exiting"));
        assertEquals(Optional.of(List.of("a \"quoted\" é \n line")), JsonLine.at(event, "status", "errors"));
        assertEquals(Optional.of(JsonLine.NULL), JsonLine.at(JsonLine.parse("{\"a\":null}"), "a"));
        assertEquals(Map.of(), JsonLine.parse(" {} "));
    }

    @Test
    void aMissingMemberOrANonObjectStepIsEmpty() {
        Object v = JsonLine.parse("{\"status\":[1,2]}");
        assertEquals(Optional.empty(), JsonLine.at(v, "status", "exiting"));
        assertEquals(Optional.empty(), JsonLine.at(v, "nothing"));
        assertEquals(Optional.empty(), JsonLine.object("[1]"));
        assertEquals(Optional.empty(), JsonLine.object("not json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1 2]", "\"open", "{\"a\":tru}", "01x", "{} {}",
        "\"\\x\"", "\"\\u12\"", "-", "1.", "1e", "{\"a\":\"tab\there\"}"})
    void malformedTextIsAnIllegalArgumentNeverAnotherException(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLine.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLine.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
        String allowed = "[".repeat(JsonLine.MAX_DEPTH) + "]".repeat(JsonLine.MAX_DEPTH);
        assertTrue(JsonLine.parse(allowed) instanceof List);
    }
}
