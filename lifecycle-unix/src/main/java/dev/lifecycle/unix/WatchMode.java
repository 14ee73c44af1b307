// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which exit watcher a provider asks for: the OS's event, or polling. */
enum WatchMode {
    /** pidfd+epoll on Linux, kqueue on macOS; polling where those are missing. */
    EVENT,
    /** Polling only. */
    POLL;

    /** System property that forces polling: {@code -Dlifecycle.unix.exitWatcher=poll}. */
    static final String PROPERTY = "lifecycle.unix.exitWatcher";

    private static final Logger LOG = LoggerFactory.getLogger(WatchMode.class);

    /** @return the mode the system property asks for (read when a provider is created) */
    static WatchMode fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * @param value the property value, or null
     * @return {@link #POLL} for {@code poll}/{@code polling}, else {@link #EVENT}
     */
    static WatchMode parse(String value) {
        if (value == null || value.isBlank()) {
            return EVENT;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "poll":
            case "polling":
                return POLL;
            case "event":
            case "auto":
                return EVENT;
            default:
                LOG.warn("Lifecycle: ignoring -D{}={}: use 'poll' to force polling or 'event' (the default)",
                        PROPERTY, value);
                return EVENT;
        }
    }
}
