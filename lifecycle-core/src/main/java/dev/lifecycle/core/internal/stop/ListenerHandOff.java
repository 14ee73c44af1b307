// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import dev.lifecycle.api.StopEvent;
import dev.lifecycle.api.StopListener;
import dev.lifecycle.api.StopReport;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-off between the stops of one {@code stopAll} and its listener: the stop
 * threads only queue, one delivery task at a time calls the listener, in order. When the
 * listener falls behind and {@code capacity} events wait, newer events are dropped and
 * counted per instance; an instance's {@code EVENTS_DROPPED} (with the count),
 * {@code STOP_FINISHED} and report are always queued, outside the bound (at most three per
 * instance), so the listener always learns how each stop ended. Never blocks, never throws.
 */
final class ListenerHandOff implements StopListener {

    /** Queued events allowed per instance of the batch; a stop makes about 15–30. */
    static final int EVENTS_PER_INSTANCE = 64;
    /** Queued events allowed for any batch, however small. */
    static final int MIN_CAPACITY = 256;

    private static final Logger LOG = LoggerFactory.getLogger(ListenerHandOff.class);

    /** One call to make on the listener; {@code bounded} ones count against the capacity. */
    private record Delivery(String instance, String what, boolean bounded, Runnable call) {
    }

    private final StopListener listener;
    private final int capacity;
    private final Executor delivery;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Map<String, Long> dropped = new HashMap<>();
    private int boundedQueued;
    private boolean delivering;
    private boolean warned;

    /**
     * @param listener the host app's listener
     * @param capacity how many droppable events may wait
     * @param delivery runs the delivery task; one thread is used at a time
     */
    ListenerHandOff(StopListener listener, int capacity, Executor delivery) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.listener = listener;
        this.capacity = capacity;
        this.delivery = delivery;
    }

    /** The capacity for a batch of {@code instances}: enough that a listener that merely lags loses nothing. */
    static int capacityFor(int instances) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_CAPACITY, (long) EVENTS_PER_INSTANCE * instances));
    }

    @Override
    public void onEvent(StopEvent event) {
        if (event.type() == StopEvent.Type.STOP_FINISHED) {
            finished(event);
            return;
        }
        synchronized (queue) {
            if (boundedQueued >= capacity) {
                dropped.merge(event.instance(), 1L, Long::sum);
                if (!warned) {
                    warned = true;
                    LOG.warn("Stop listener fell behind: {} events wait for it; further live events are dropped"
                            + " and counted until it catches up (the reports keep every step)", capacity);
                }
                return;
            }
            boundedQueued++;
            queue.add(new Delivery(event.instance(), event.type().name(), true, () -> listener.onEvent(event)));
        }
        deliverLater();
    }

    private void finished(StopEvent event) {
        synchronized (queue) {
            Long lost = dropped.remove(event.instance());
            if (lost != null) {
                LOG.info("[{}] {} live events were not delivered to the stop listener, which fell behind",
                        event.instance(), lost);
                StopEvent notice = new StopEvent(event.instance(), StopEvent.Type.EVENTS_DROPPED, event.step(),
                        OptionalLong.empty(), Instant.now(), lost + " live event" + (lost == 1 ? " was" : "s were")
                                + " not delivered because the listener fell behind; the report has every step");
                queue.add(new Delivery(event.instance(), notice.type().name(), false, () -> listener.onEvent(notice)));
            }
            queue.add(new Delivery(event.instance(), event.type().name(), false, () -> listener.onEvent(event)));
        }
        deliverLater();
    }

    @Override
    public void onFinished(StopReport report) {
        synchronized (queue) {
            queue.add(new Delivery(report.instance(), "report", false, () -> listener.onFinished(report)));
        }
        deliverLater();
    }

    /** Starts the delivery task unless one runs; it ends when the queue is empty. */
    private void deliverLater() {
        synchronized (queue) {
            if (delivering || queue.isEmpty()) {
                return;
            }
            delivering = true;
        }
        try {
            delivery.execute(this::deliverAll);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                delivering = false;
            }
            LOG.warn("Stop listener: no thread to deliver events on ({}); they wait for the next event", e.toString());
        }
    }

    private void deliverAll() {
        while (true) {
            Delivery next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    delivering = false;
                    return;
                }
                if (next.bounded()) {
                    boundedQueued--;
                }
            }
            try {
                next.call().run();
            } catch (RuntimeException | Error e) {
                // The listener is the host app's code: whatever it throws must not end the
                // delivery of everything after it, nor reach the stop.
                LOG.warn("[{}] stop listener threw on {}; ignored: {}", next.instance(), next.what(), e.toString());
                LOG.debug("[{}] stop listener stack trace", next.instance(), e);
            }
        }
    }
}
