// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.api;

/**
 * Receives {@link StopEvent}s as a stop proceeds, and each instance's {@link StopReport}
 * when its stop ends.
 *
 * <p><b>A listener never slows a stop.</b> Events reach it through a bounded hand-off on a
 * delivery thread of the library's, never on the threads that signal and wait, so a
 * listener that is slow or blocked (a progress display writing to a paused terminal, a
 * full pipe) delays only its own view: every stop goes on, and its future completes,
 * possibly before the listener has seen all of its events. Calls come in the order the
 * events happened, one at a time for one {@code stopAll}; different {@code stopAll}s of
 * one stopper may call concurrently, so implementations must be thread-safe.
 *
 * <p>When a listener falls so far behind that the hand-off is full, further events are
 * dropped and counted, never queued without bound. For an instance that lost events, an
 * {@link StopEvent.Type#EVENTS_DROPPED} event saying how many comes just before its
 * {@link StopEvent.Type#STOP_FINISHED}. Those two and {@link #onFinished} are never dropped,
 * so a listener always learns how each stop ended; the report always holds every step.
 *
 * <p>An exception thrown by a listener is logged and otherwise ignored; it never changes the
 * stop or the delivery of later events.
 */
@FunctionalInterface
public interface StopListener {

    /** A listener that ignores every event. */
    StopListener NONE = event -> { };

    /**
     * Called for each event that is delivered.
     *
     * @param event the event
     */
    void onEvent(StopEvent event);

    /**
     * Called once per instance, after its {@link StopEvent.Type#STOP_FINISHED} event, with
     * its report — also when the caller cancelled the future of {@code stopAll}, so that
     * what the stop did is still known. Does nothing unless overridden.
     *
     * @param report the instance's report
     */
    default void onFinished(StopReport report) {
    }
}
