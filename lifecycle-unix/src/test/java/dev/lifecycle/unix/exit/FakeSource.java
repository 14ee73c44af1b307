// SPDX-License-Identifier: Apache-2.0
package dev.lifecycle.unix.exit;

import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A process stand-in whose exit the test decides, and which notices use after its watch was stopped. */
final class FakeSource implements ExitSource {

    final AtomicBoolean exited = new AtomicBoolean();
    final AtomicInteger checks = new AtomicInteger();
    final AtomicBoolean stopped = new AtomicBoolean();
    final AtomicBoolean checkedAfterStop = new AtomicBoolean();
    final CountDownLatch threeChecks = new CountDownLatch(3);
    private final long pid;

    FakeSource(long pid) {
        this.pid = pid;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public OptionalInt pidfd() {
        return OptionalInt.empty();
    }

    @Override
    public boolean hasExited() {
        if (stopped.get()) {
            checkedAfterStop.set(true);
        }
        checks.incrementAndGet();
        threeChecks.countDown();
        return exited.get();
    }
}
