package dev.lifecycle.benchmarks;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StopListener} that keeps the latest instant of each event type, to tell where
 * a {@code stopAll} spent its time (when the last SIGINT and the last SIGKILL went out).
 * It only compares and stores an instant, so it costs the stop next to nothing.
 */
final class PhaseClock implements StopListener {

    private final Map<StopEvent.Type, Instant> latest = new EnumMap<>(StopEvent.Type.class);

    @Override
    public synchronized void onEvent(StopEvent event) {
        latest.merge(event.type(), event.at(), (a, b) -> a.isAfter(b) ? a : b);
    }

    synchronized void reset() {
        latest.clear();
    }

    synchronized Optional<Instant> latest(StopEvent.Type type) {
        return Optional.ofNullable(latest.get(type));
    }
}
