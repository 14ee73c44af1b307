package dev.lifecycle.api;

/**
 * Receives {@link StopEvent}s as a stop proceeds. Called from the library's worker
 * threads, possibly concurrently for different instances: implementations must be
 * thread-safe and quick (hand heavy work to another thread). An exception thrown by a
 * listener is logged and otherwise ignored; it never changes the stop.
 */
@FunctionalInterface
public interface StopListener {

    /** A listener that ignores every event. */
    StopListener NONE = event -> { };

    /**
     * Called for each event.
     *
     * @param event the event
     */
    void onEvent(StopEvent event);
}
