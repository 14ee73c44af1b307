// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import dev.lifecycle.spi.CommandRunner;
import dev.lifecycle.spi.ExtensionContext;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The context handed to a VM-type extension for one instance's stop.
 *
 * @param settings the host app's settings for that extension only
 */
record CoreExtensionContext(StopOptions options, Map<String, String> settings, CommandRunner commands,
                            StopRecorder recorder) implements ExtensionContext {

    CoreExtensionContext {
        settings = Map.copyOf(settings);
    }

    @Override
    public void event(StopEvent.Type type, String step, String message) {
        recorder.event(type, step, OptionalLong.empty(), message);
    }
}
