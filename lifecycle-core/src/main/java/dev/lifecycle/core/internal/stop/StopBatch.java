// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.core.internal.stop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the runs of one {@code stopAll} share: the cancellation flag and the hooks that
 * end their waits at once when the caller cancels.
 */
final class StopBatch {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    boolean isCancelled() {
        return cancelled.get();
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.forEach(Runnable::run);
        }
    }

    void onCancel(Runnable hook) {
        onCancel.add(hook);
        if (cancelled.get()) {
            hook.run();
        }
    }

    void removeOnCancel(Runnable hook) {
        onCancel.remove(hook);
    }
}
