// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** A kqueue stand-in: the test feeds events and sees which filters were added and deleted. */
final class FakeKqueue implements KqueueChannel {

    final Set<Integer> gone = ConcurrentHashMap.newKeySet();
    final List<Integer> added = new CopyOnWriteArrayList<>();
    final List<Integer> deleted = new CopyOnWriteArrayList<>();
    final BlockingQueue<List<Event>> events = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile CountDownLatch adds = new CountDownLatch(0);

    @Override
    public boolean addExitFilter(int pid) {
        if (gone.contains(pid)) {
            return false;
        }
        added.add(pid);
        adds.countDown();
        return true;
    }

    @Override
    public void deleteExitFilter(int pid) {
        deleted.add(pid);
    }

    @Override
    public List<Event> await() {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void wake() {
        events.add(List.of(Event.wake()));
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
