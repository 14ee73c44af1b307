package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ExtensionContext;
import java.util.OptionalLong;

/** The context handed to a VM-type extension for one instance's stop. */
record CoreExtensionContext(StopOptions options, CommandRunner commands, StopRecorder recorder)
        implements ExtensionContext {

    @Override
    public void event(StopEvent.Type type, String step, String message) {
        recorder.event(type, step, OptionalLong.empty(), message);
    }
}
