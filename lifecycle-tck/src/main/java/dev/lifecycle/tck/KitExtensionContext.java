// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.tck;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ExtensionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The context the core would hand an extension, with its events kept for inspection. */
final class KitExtensionContext implements ExtensionContext {

    /** One event as the extension published it. */
    record Event(StopEvent.Type type, String step, String message) {
    }

    private final StopOptions options;
    private final Map<String, String> settings;
    private final CommandRunner commands;
    private final List<Event> events = new ArrayList<>();

    KitExtensionContext(StopOptions options, Map<String, String> settings, CommandRunner commands) {
        this.options = options;
        this.settings = Map.copyOf(settings);
        this.commands = commands;
    }

    @Override
    public StopOptions options() {
        return options;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public void event(StopEvent.Type type, String step, String message) {
        synchronized (events) {
            events.add(new Event(type, step, message));
        }
    }

    /** @return the events published so far */
    List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
