package dev.lifecycle.core;

import dev.lifecycle.spi.CommandResult;
import dev.lifecycle.spi.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** TEMPORARY placeholder so the stopper compiles until the real runner lands. Not committed. */
public final class BoundedCommandRunner implements CommandRunner {
    @Override
    public CommandResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        throw new UnsupportedOperationException();
    }
}
