package dev.lifecycle.spi;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;

/** What the core hands a {@link VmTypeExtension} for one stop. */
public interface ExtensionContext {

    /** @return the options of this stop (command timeout, {@code wsl.exe} path, ...) */
    StopOptions options();

    /** @return a runner that bounds every external command by a timeout */
    CommandRunner commands();

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
