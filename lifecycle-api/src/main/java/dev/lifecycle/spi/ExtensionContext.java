// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.spi;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import java.time.Duration;

/**
 * What the core hands a {@link VmTypeExtension} for one stop: the {@link CommandContext}
 * (settings given to the stopper under the extension's id with
 * {@code InstanceStoppers.builder().extensionSettings(id, settings)}, the bounded runner),
 * the stop's options and its event sink.
 */
public interface ExtensionContext extends CommandContext {

    /** @return the options of this stop (mode and time limits, the command timeout among them) */
    StopOptions options();

    /**
     * @return the stop's {@link StopOptions#commandTimeout()}
     */
    @Override
    default Duration commandTimeout() {
        return options().commandTimeout();
    }

    /**
     * Publishes a live event for this instance to the stop's listener. Never blocks: the
     * event is queued and the listener called later, on the core's delivery thread; a
     * listener that fell behind may lose it (counted, see {@link dev.lifecycle.api.StopListener}).
     *
     * @param type the kind of event
     * @param step the step name
     * @param message what happened, in words
     */
    void event(StopEvent.Type type, String step, String message);
}
