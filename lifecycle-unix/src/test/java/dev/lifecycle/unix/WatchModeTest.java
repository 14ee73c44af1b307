// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WatchModeTest {

    @Test
    void pollingIsForcedOnlyByPoll() {
        assertEquals(WatchMode.POLL, WatchMode.parse("poll"));
        assertEquals(WatchMode.POLL, WatchMode.parse(" Polling "));
        assertEquals(WatchMode.EVENT, WatchMode.parse(null));
        assertEquals(WatchMode.EVENT, WatchMode.parse(""));
        assertEquals(WatchMode.EVENT, WatchMode.parse("event"));
        assertEquals(WatchMode.EVENT, WatchMode.parse("nonsense"));
    }
}
