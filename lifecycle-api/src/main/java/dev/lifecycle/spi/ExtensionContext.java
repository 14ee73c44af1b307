package dev.lifecycle.spi;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopOptions;
import java.util.Map;

/** What the core hands a {@link VmTypeExtension} for one stop. */
public interface ExtensionContext {

    /** @return the options of this stop (mode and time limits, the command timeout among them) */
    StopOptions options();

    /**
     * The host app's settings for this extension: those it gave the stopper under this
     * extension's {@link VmTypeExtension#id() id}
     * ({@code InstanceStoppers.builder().extensionSettings(id, settings)}), and no others.
     * The core passes them through without reading them; each extension documents the names
     * it reads (the WSL2 extension: {@code executable}, the {@code wsl.exe} to run) and what
     * it does when one is absent (typically: its own system property, then a default).
     *
     * @return the settings by name, possibly empty; never null
     */
    Map<String, String> settings();

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
