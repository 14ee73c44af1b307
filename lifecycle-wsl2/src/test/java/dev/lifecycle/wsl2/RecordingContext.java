// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.wsl2;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.core.BoundedCommandRunner;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ExtensionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A minimal {@link ExtensionContext} for tests: real commands through core's
 * {@link BoundedCommandRunner}, with every command and every event recorded.
 */
final class RecordingContext implements ExtensionContext {

    /** One published event. */
    record Event(StopEvent.Type type, String step, String message) {
    }

    /** One command handed to the runner. */
    record Command(List<String> command, Map<String, String> environment, Duration timeout) {
    }

    private final StopOptions options;
    private final Map<String, String> settings;
    private final CommandRunner runner = new BoundedCommandRunner();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    RecordingContext(StopOptions options, Map<String, String> settings) {
        this.options = options;
        this.settings = Map.copyOf(settings);
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
        return (command, environment, timeout) -> {
            commands.add(new Command(List.copyOf(command), Map.copyOf(environment), timeout));
            return runner.run(command, environment, timeout);
        };
    }

    @Override
    public void event(StopEvent.Type type, String step, String message) {
        events.add(new Event(type, step, message));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<StopEvent.Type> eventTypes() {
        return events.stream().map(Event::type).collect(Collectors.toList());
    }

    List<Command> commandsRun() {
        return List.copyOf(commands);
    }
}
